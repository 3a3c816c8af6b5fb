import PostgresNIO

/// The PostgreSQL schema as named migrations, recorded in `liftcodeMigration` when applied and
/// never edited once shipped: add a new one instead. Every server runs them on open; an advisory
/// lock lets only one apply them at a time.
enum PostgresMigrations {
    static let all: [(name: String, sql: [String])] = [
        (
            "v1-schema",
            [
                """
                CREATE TABLE unit (
                    id bigserial PRIMARY KEY, name text NOT NULL, kind text NOT NULL, phone text, webhookURL text, webhookSecret text,
                    UNIQUE (kind, name))
                """,
                """
                CREATE TABLE elevator (
                    number bigint PRIMARY KEY, rescueCode text, registrationCode text, address text NOT NULL, building text,
                    district text NOT NULL, street text, internalNumber text, nextInspection text,
                    userUnitId bigint REFERENCES unit, maintenanceUnitId bigint REFERENCES unit, manufacturer text,
                    isStopped boolean NOT NULL DEFAULT false, isClassified boolean NOT NULL DEFAULT false,
                    lastHalfMonthDay bigint, lastQuarterlyDay bigint, lastHalfYearDay bigint, lastYearlyDay bigint,
                    firstCountedDay bigint, dueDay bigint, lastRecordId bigint)
                """,
                "CREATE INDEX elevator_on_district_dueDay ON elevator (district, dueDay)",
                "CREATE INDEX elevator_on_street ON elevator (district, street)",
                "CREATE INDEX elevator_on_nextInspection ON elevator (district, nextInspection)",
                "CREATE INDEX elevator_on_district_status ON elevator (district, isStopped, dueDay, number)",
                """
                CREATE TABLE worker (
                    id bigserial PRIMARY KEY, login text NOT NULL UNIQUE, name text NOT NULL, phone text,
                    unitId bigint NOT NULL REFERENCES unit)
                """,
                """
                CREATE TABLE insurancePolicy (
                    id bigserial PRIMARY KEY, number bigint NOT NULL REFERENCES elevator ON DELETE CASCADE, insurer text NOT NULL,
                    policyNumber text NOT NULL, coverage text NOT NULL, validFrom text NOT NULL, validTo text NOT NULL, claimsPhone text)
                """,
                "CREATE INDEX insurancePolicy_on_policyNumber ON insurancePolicy (number, policyNumber)",
                "CREATE TABLE keyStatus (keyId text PRIMARY KEY, status text NOT NULL, changedAt timestamptz NOT NULL)",
                """
                CREATE TABLE labelBatch (
                    id text PRIMARY KEY, districtDigit bigint NOT NULL, districtName text NOT NULL, keyId text NOT NULL,
                    baseURL text NOT NULL, layout text NOT NULL, count bigint NOT NULL, firstNumber bigint, lastNumber bigint,
                    createdAt timestamptz NOT NULL)
                """,
                """
                CREATE TABLE label (
                    number bigint NOT NULL, serial bigint NOT NULL, keyId text NOT NULL, batchId text NOT NULL REFERENCES labelBatch,
                    position bigint NOT NULL, status text NOT NULL DEFAULT 'active', revokedReason text, revokedAt timestamptz,
                    PRIMARY KEY (number, serial))
                """,
                "CREATE UNIQUE INDEX label_on_batch ON label (batchId, position)",
                "CREATE UNIQUE INDEX label_on_active ON label (number) WHERE status = 'active'",
                "CREATE INDEX label_on_revokedAt ON label (revokedAt) WHERE revokedAt IS NOT NULL",
                """
                CREATE TABLE maintenanceRecord (
                    id bigserial PRIMARY KEY, clientId text, number bigint NOT NULL, type text NOT NULL,
                    startedAt timestamptz NOT NULL, endedAt timestamptz NOT NULL, uploadedAt timestamptz NOT NULL, uploadDay bigint NOT NULL,
                    workerLogin text NOT NULL, workerName text NOT NULL, maintenanceUnit text NOT NULL, status text NOT NULL,
                    abnormal text, verification text NOT NULL, items text, remarks text, uploadStatus text, reviewNote text,
                    reviewedBy text, reviewedAt timestamptz, supplementedAt timestamptz)
                """,
                "CREATE UNIQUE INDEX maintenanceRecord_on_client ON maintenanceRecord (workerLogin, clientId)",
                "CREATE INDEX maintenanceRecord_on_number ON maintenanceRecord (number, endedAt)",
                "CREATE INDEX maintenanceRecord_on_workerDay ON maintenanceRecord (workerLogin, uploadDay)",
                "CREATE INDEX maintenanceRecord_on_unit ON maintenanceRecord (maintenanceUnit, uploadedAt)",
                "CREATE INDEX maintenanceRecord_on_endedAt ON maintenanceRecord (endedAt)",
                "CREATE INDEX maintenanceRecord_on_workerStart ON maintenanceRecord (workerLogin, startedAt)",
                """
                CREATE TABLE complaint (
                    ticket text PRIMARY KEY, publicId text NOT NULL UNIQUE, category text NOT NULL, problem text, text text, phone text,
                    role text NOT NULL, number bigint NOT NULL, labelSerial bigint, verification text NOT NULL, state text NOT NULL,
                    routedTo text, routedWorker text, assignedWorker text, district text, street text, resolution text, satisfied boolean,
                    rescueId text, createdAt timestamptz NOT NULL, updatedAt timestamptz NOT NULL)
                """,
                "CREATE INDEX complaint_on_routedTo ON complaint (routedTo, createdAt)",
                "CREATE INDEX complaint_on_number ON complaint (number, createdAt)",
                "CREATE INDEX complaint_on_district ON complaint (district, state)",
                "CREATE INDEX complaint_on_createdAt ON complaint (createdAt)",
                "CREATE INDEX complaint_on_rescueId ON complaint (rescueId)",
                """
                CREATE TABLE complaintEvent (
                    id bigserial PRIMARY KEY, ticket text NOT NULL REFERENCES complaint ON DELETE CASCADE, at timestamptz NOT NULL,
                    state text NOT NULL, note text)
                """,
                "CREATE INDEX complaintEvent_on_ticket ON complaintEvent (ticket)",
                """
                CREATE TABLE rescue (
                    id text PRIMARY KEY, number bigint NOT NULL, district text NOT NULL, street text, maintenanceUnit text, userUnit text,
                    address text, source text NOT NULL, reportVerification text NOT NULL, callerPhone text, note text, state text NOT NULL,
                    reports bigint NOT NULL DEFAULT 1, reportedAt timestamptz NOT NULL, acceptanceMinutes bigint NOT NULL,
                    arrivalMinutes bigint NOT NULL, acceptBy timestamptz NOT NULL, arriveBy timestamptz NOT NULL,
                    dispatchedAt timestamptz, acceptedAt timestamptz, rescuerName text, rescuerPhone text, arrivedAt timestamptz,
                    arrival text, releasedAt timestamptz, closedAt timestamptz, cancelledAt timestamptz, cancelReason text,
                    escalatedAt timestamptz, lateAt timestamptz)
                """,
                "CREATE INDEX rescue_on_number ON rescue (number, reportedAt)",
                "CREATE INDEX rescue_on_district ON rescue (district, reportedAt)",
                "CREATE INDEX rescue_on_unit ON rescue (maintenanceUnit, reportedAt)",
                "CREATE INDEX rescue_on_waiting ON rescue (arriveBy) WHERE state IN ('reported', 'dispatched', 'accepted')",
                """
                CREATE TABLE rescueEvent (
                    id bigserial PRIMARY KEY, rescueId text NOT NULL REFERENCES rescue ON DELETE CASCADE, at timestamptz NOT NULL,
                    kind text NOT NULL, note text, by text)
                """,
                "CREATE INDEX rescueEvent_on_rescueId ON rescueEvent (rescueId)",
                "CREATE TABLE regulatorOffice (district text PRIMARY KEY, webhookURL text)",
                """
                CREATE TABLE outbox (
                    id bigserial PRIMARY KEY, ticket text REFERENCES complaint ON DELETE CASCADE,
                    rescueId text REFERENCES rescue ON DELETE CASCADE, idempotencyKey text, url text NOT NULL, payload text NOT NULL,
                    attempts bigint NOT NULL DEFAULT 0, nextAttemptAt timestamptz NOT NULL, claimedUntil timestamptz,
                    deliveredAt timestamptz, lastError text)
                """,
                "CREATE INDEX outbox_on_pending ON outbox (nextAttemptAt) WHERE deliveredAt IS NULL",
                """
                CREATE TABLE account (
                    id bigserial PRIMARY KEY, role text NOT NULL, unit text, district text, street text, name text, phone text,
                    workerLogin text, login text, passwordHash text, tokenHash text NOT NULL UNIQUE, createdAt timestamptz NOT NULL,
                    revokedAt timestamptz)
                """,
                "CREATE UNIQUE INDEX account_on_login ON account (login) WHERE revokedAt IS NULL",
                "CREATE TABLE signInFailure (id bigserial PRIMARY KEY, login text NOT NULL, address text NOT NULL, at timestamptz NOT NULL)",
                "CREATE INDEX signInFailure_on_login ON signInFailure (login, at)",
                "CREATE INDEX signInFailure_on_address ON signInFailure (address, at)",
                "CREATE TABLE session (key text PRIMARY KEY, value bytea NOT NULL, expiresAt timestamptz)",
                """
                CREATE TABLE visitStart (
                    workerLogin text PRIMARY KEY, number bigint NOT NULL, scan text NOT NULL, isTyped boolean NOT NULL, type text NOT NULL,
                    at timestamptz NOT NULL, photoType text, photo bytea)
                """,
                """
                CREATE TABLE maintenancePhoto (
                    recordId bigint PRIMARY KEY REFERENCES maintenanceRecord ON DELETE CASCADE, contentType text NOT NULL,
                    data bytea NOT NULL)
                """,
            ]
        ),
        (
            // Complaint rate limits shared by every server: fixed windows, and each window's distinct
            // members. Unlogged (no WAL, emptied after a crash: a limit starts afresh, nothing else is
            // lost); not liftcode data, so `db copy` leaves them (only `CREATE TABLE` names count).
            "v2-rate-limits",
            [
                """
                CREATE UNLOGGED TABLE rateWindow (
                    name text NOT NULL, key text NOT NULL, windowStart bigint NOT NULL, expiresAt bigint NOT NULL, count integer NOT NULL,
                    PRIMARY KEY (name, key, windowStart))
                """,
                "CREATE INDEX rateWindow_on_expiresAt ON rateWindow (expiresAt)",
                """
                CREATE UNLOGGED TABLE rateMember (
                    name text NOT NULL, key text NOT NULL, windowStart bigint NOT NULL, expiresAt bigint NOT NULL, member text NOT NULL,
                    PRIMARY KEY (name, key, windowStart, member))
                """,
                "CREATE INDEX rateMember_on_expiresAt ON rateMember (expiresAt)",
            ]
        ),
    ]

    /// The tables the migrations create, lower case as PostgreSQL names them.
    static var tableNames: Set<String> {
        var names = Set<String>()
        for migration in all {
            for statement in migration.sql where statement.hasPrefix("CREATE TABLE ") {
                if let name = statement.dropFirst("CREATE TABLE ".count).split(separator: " ").first { names.insert(name.lowercased()) }
            }
        }
        return names
    }

    /// Applies the migrations the database has not seen, each in its own transaction.
    static func migrate(_ store: PostgresStore) async throws {
        try await store.transaction { transaction in
            try await transaction.lock("liftcode-migrations")
            try await transaction.execute(
                "CREATE TABLE IF NOT EXISTS liftcodeMigration (name text PRIMARY KEY, appliedAt timestamptz NOT NULL DEFAULT now())")
            let applied = Set(try await transaction.rows("SELECT name FROM liftcodeMigration").map { try $0("name", as: String.self) })
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.sql {
                    try await transaction.execute(PostgresQuery(unsafeSQL: statement))
                }
                try await transaction.execute("INSERT INTO liftcodeMigration (name) VALUES (\(migration.name))")
            }
        }
    }

    /// The migrations a database has applied, in order.
    static func applied(_ store: PostgresStore) async throws -> [String] {
        try await store.rows("SELECT name FROM liftcodeMigration ORDER BY appliedAt, name").map { try $0("name") }
    }
}

extension PostgresStore {
    /// The names of the migrations this version knows, in order.
    public static var migrationNames: [String] { PostgresMigrations.all.map(\.name) }

    /// The migrations the database has applied, in order.
    public func appliedMigrations() async throws -> [String] {
        try await PostgresMigrations.applied(self)
    }
}
