import GRDB

extension AppDatabase {
    /// Named migrations, never edited once shipped: add a new one instead.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-registry") { db in
            try db.create(table: "unit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()  // user, maintenance, insurer
                t.column("phone", .text)
                t.column("webhookURL", .text)
                t.uniqueKey(["kind", "name"])
            }
            try db.create(table: "elevator") { t in
                t.primaryKey("number", .integer)  // the six digits of the N-number
                t.column("rescueCode", .text)
                t.column("registrationCode", .text)
                t.column("address", .text).notNull()
                t.column("building", .text)
                t.column("district", .text).notNull()
                t.column("street", .text)
                t.column("internalNumber", .text)
                t.column("nextInspection", .text)  // yyyy-mm-dd
                t.belongsTo("userUnit", inTable: "unit")
                t.belongsTo("maintenanceUnit", inTable: "unit")
                t.column("manufacturer", .text)
                t.column("isStopped", .boolean).notNull().defaults(to: false)
                t.column("isClassified", .boolean).notNull().defaults(to: false)
                // Maintenance state kept current as records are counted, so a lookup is one read.
                // Days are Shanghai days since 1970-01-01.
                t.column("lastHalfMonthDay", .integer)
                t.column("lastQuarterlyDay", .integer)
                t.column("lastHalfYearDay", .integer)
                t.column("lastYearlyDay", .integer)
                t.column("firstCountedDay", .integer)
                t.column("dueDay", .integer)
                t.column("lastRecordId", .integer)
            }
            try db.create(index: "elevator_on_district_dueDay", on: "elevator", columns: ["district", "dueDay"])
            try db.create(index: "elevator_on_street", on: "elevator", columns: ["district", "street"])
            try db.create(index: "elevator_on_nextInspection", on: "elevator", columns: ["district", "nextInspection"])

            try db.create(table: "worker") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("login", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("phone", .text)
                t.belongsTo("unit", inTable: "unit").notNull()
            }

            try db.create(table: "insurancePolicy") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("number", .integer).notNull().indexed().references("elevator", onDelete: .cascade)
                t.column("insurer", .text).notNull()
                t.column("policyNumber", .text).notNull()
                t.column("coverage", .text).notNull()
                t.column("validFrom", .text).notNull()
                t.column("validTo", .text).notNull()
                t.column("claimsPhone", .text)
            }
        }

        migrator.registerMigration("v1-labels") { db in
            try db.create(table: "keyStatus") { t in
                t.primaryKey("keyId", .text)
                t.column("status", .text).notNull()
                t.column("changedAt", .datetime).notNull()
            }
            try db.create(table: "labelBatch") { t in
                t.primaryKey("id", .text)
                t.column("districtDigit", .integer).notNull()
                t.column("districtName", .text).notNull()
                t.column("keyId", .text).notNull()
                t.column("baseURL", .text).notNull()
                t.column("layout", .text).notNull()
                t.column("count", .integer).notNull()
                t.column("firstNumber", .integer)
                t.column("lastNumber", .integer)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "label") { t in
                t.column("number", .integer).notNull()
                t.column("serial", .integer).notNull()
                t.primaryKey(["number", "serial"])
                t.column("keyId", .text).notNull()
                t.column("batchId", .text).notNull().references("labelBatch")
                t.column("position", .integer).notNull()  // order within the batch
                t.column("status", .text).notNull().defaults(to: "active")
                t.column("revokedReason", .text)
                t.column("revokedAt", .datetime)
            }
            try db.create(index: "label_on_batch", on: "label", columns: ["batchId", "position"], unique: true)
            try db.create(index: "label_on_active", on: "label", columns: ["number"], unique: true, condition: Column("status") == "active")
        }

        migrator.registerMigration("v1-maintenance") { db in
            try db.create(table: "maintenanceRecord") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("clientId", .text)
                t.column("number", .integer).notNull()
                t.column("type", .text).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("endedAt", .datetime).notNull()
                t.column("uploadedAt", .datetime).notNull()
                t.column("uploadDay", .integer).notNull()  // Shanghai day of the upload
                t.column("workerLogin", .text).notNull()
                t.column("workerName", .text).notNull()
                t.column("maintenanceUnit", .text).notNull()
                t.column("status", .text).notNull()
                t.column("abnormal", .text)
                t.column("verification", .text).notNull()
                t.column("items", .jsonText)
                t.column("remarks", .text)
            }
            try db.create(index: "maintenanceRecord_on_client", on: "maintenanceRecord", columns: ["workerLogin", "clientId"], unique: true)
            try db.create(index: "maintenanceRecord_on_number", on: "maintenanceRecord", columns: ["number", "endedAt"])
            try db.create(index: "maintenanceRecord_on_workerDay", on: "maintenanceRecord", columns: ["workerLogin", "uploadDay"])
            try db.create(index: "maintenanceRecord_on_unit", on: "maintenanceRecord", columns: ["maintenanceUnit", "uploadedAt"])
        }

        migrator.registerMigration("v1-complaints") { db in
            try db.create(table: "complaint") { t in
                t.primaryKey("ticket", .text)
                t.column("category", .text).notNull()
                t.column("problem", .text)
                t.column("text", .text)
                t.column("phone", .text)
                t.column("role", .text).notNull()
                t.column("number", .integer).notNull()
                t.column("labelSerial", .integer)
                t.column("verification", .text).notNull()
                t.column("state", .text).notNull()
                t.column("routedTo", .text)
                t.column("routedWorker", .text)
                t.column("district", .text)
                t.column("street", .text)
                t.column("resolution", .text)
                t.column("satisfied", .boolean)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(index: "complaint_on_routedTo", on: "complaint", columns: ["routedTo", "createdAt"])
            try db.create(index: "complaint_on_number", on: "complaint", columns: ["number", "createdAt"])
            try db.create(index: "complaint_on_district", on: "complaint", columns: ["district", "state"])
            try db.create(table: "complaintEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket", .text).notNull().indexed().references("complaint", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("state", .text).notNull()
                t.column("note", .text)
            }
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket", .text).notNull().references("complaint", onDelete: .cascade)
                t.column("url", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("deliveredAt", .datetime)
                t.column("lastError", .text)
            }
            try db.create(index: "outbox_on_pending", on: "outbox", columns: ["nextAttemptAt"], condition: Column("deliveredAt") == nil)
        }

        migrator.registerMigration("v1-accounts") { db in
            try db.create(table: "account") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("role", .text).notNull()
                t.column("unit", .text)
                t.column("district", .text)
                t.column("street", .text)
                t.column("name", .text)
                t.column("phone", .text)
                t.column("workerLogin", .text)
                t.column("tokenHash", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
        }
        migrator.registerMigration("v2-maintenance-review") { db in
            // The status an upload was first answered with (a retry answers it again), the last
            // review decision, and the worker's last supplement.
            try db.alter(table: "maintenanceRecord") { t in
                t.add(column: "uploadStatus", .text)
                t.add(column: "reviewNote", .text)
                t.add(column: "reviewedBy", .text)
                t.add(column: "reviewedAt", .datetime)
                t.add(column: "supplementedAt", .datetime)
            }
            try db.execute(sql: "UPDATE maintenanceRecord SET uploadStatus = status")
        }

        migrator.registerMigration("v2-supervision") { db in
            // Regulators list and export records by time, and count a day's abnormal ones.
            try db.create(index: "maintenanceRecord_on_endedAt", on: "maintenanceRecord", columns: ["endedAt"])
            try db.create(
                index: "maintenanceRecord_on_abnormal", on: "maintenanceRecord", columns: ["endedAt"],
                condition: Column("abnormal") != nil)
        }

        migrator.registerMigration("v2-supervision-lists") { db in
            // A district's elevators in number order without sorting them (an index ends in the
            // rowid, which is the number).
            try db.create(index: "elevator_on_district", on: "elevator", columns: ["district"])
            // The daily summary counts stopped, overdue and no-record elevators from the index alone.
            try db.create(index: "elevator_on_district_status", on: "elevator", columns: ["district", "isStopped", "dueDay"])
        }

        migrator.registerMigration("v3-unit-webhook-secrets") { db in
            // Each unit's webhook secret, which signs its deliveries; units that already have a
            // webhook get one now, so no delivery goes out unsigned.
            try db.alter(table: "unit") { t in
                t.add(column: "webhookSecret", .text)
            }
            try db.execute(sql: "UPDATE unit SET webhookSecret = lower(hex(randomblob(32))) WHERE webhookURL IS NOT NULL")
            // An insurance file replaces an elevator's policy by its number.
            try db.create(index: "insurancePolicy_on_policyNumber", on: "insurancePolicy", columns: ["number", "policyNumber"])
        }

        migrator.registerMigration("v3-privacy") { db in
            // Open311 and other public lists name a complaint by a public id; the ticket stays the
            // reporter's secret.
            try db.alter(table: "complaint") { t in
                t.add(column: "publicId", .text)
            }
            // Complaints filed before get a random public id of the same shape ("C" and 12 characters).
            try db.execute(sql: "UPDATE complaint SET publicId = 'C' || upper(hex(randomblob(6)))")
            try db.create(index: "complaint_on_publicId", on: "complaint", columns: ["publicId"], unique: true)
            // A running server notices label revocations by their latest time (TrustWatcher).
            try db.create(index: "label_on_revokedAt", on: "label", columns: ["revokedAt"], condition: Column("revokedAt") != nil)
            // A worker's visits must not overlap: found by start time.
            try db.create(index: "maintenanceRecord_on_workerStart", on: "maintenanceRecord", columns: ["workerLogin", "startedAt"])
        }

        migrator.registerMigration("v3-console") { db in
            // Console sign-in: a login and a bcrypt hash per account; no account has a default.
            try db.alter(table: "account") { t in
                t.add(column: "login", .text)
                t.add(column: "passwordHash", .text)
            }
            try db.execute(sql: "UPDATE account SET login = workerLogin WHERE workerLogin IS NOT NULL")
            try db.create(index: "account_on_login", on: "account", columns: ["login"], unique: true, condition: Column("revokedAt") == nil)
            // Failed sign-ins, counted per login and per address for the lock-out.
            try db.create(table: "signInFailure") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("login", .text).notNull()
                t.column("address", .text).notNull()
                t.column("at", .datetime).notNull()
            }
            try db.create(index: "signInFailure_on_login", on: "signInFailure", columns: ["login", "at"])
            try db.create(index: "signInFailure_on_address", on: "signInFailure", columns: ["address", "at"])
            // Server-side sessions (and other short-lived values), shared by every server.
            try db.create(table: "session") { t in
                t.primaryKey("key", .text)
                t.column("value", .blob).notNull()
                t.column("expiresAt", .datetime)
            }
            // Who a complaint was assigned to, by the unit.
            try db.alter(table: "complaint") { t in
                t.add(column: "assignedWorker", .text)
            }
        }

        migrator.registerMigration("v3-visits") { db in
            // A worker's start scan until its end scan (one open visit per worker), with the photo
            // a typed number carries; and the photos kept as evidence of typed records.
            try db.create(table: "visitStart") { t in
                t.primaryKey("workerLogin", .text)
                t.column("number", .integer).notNull()
                t.column("scan", .text).notNull()
                t.column("isTyped", .boolean).notNull()
                t.column("type", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("photoType", .text)
                t.column("photo", .blob)
            }
            try db.create(table: "maintenancePhoto") { t in
                t.primaryKey("recordId", .integer).references("maintenanceRecord", onDelete: .cascade)
                t.column("contentType", .text).notNull()
                t.column("data", .blob).notNull()
            }
        }

        migrator.registerMigration("v4-rescue") { db in
            // Rescue orders (有人被困): their deadlines are stored as they were when reported.
            try db.create(table: "rescue") { t in
                t.primaryKey("id", .text)
                t.column("number", .integer).notNull()
                t.column("district", .text).notNull()
                t.column("street", .text)
                t.column("maintenanceUnit", .text)
                t.column("userUnit", .text)
                t.column("address", .text)
                t.column("source", .text).notNull()
                t.column("reportVerification", .text).notNull()
                t.column("callerPhone", .text)
                t.column("note", .text)
                t.column("state", .text).notNull()
                t.column("reports", .integer).notNull().defaults(to: 1)
                t.column("reportedAt", .datetime).notNull()
                t.column("acceptanceMinutes", .integer).notNull()
                t.column("arrivalMinutes", .integer).notNull()
                t.column("acceptBy", .datetime).notNull()
                t.column("arriveBy", .datetime).notNull()
                t.column("dispatchedAt", .datetime)
                t.column("acceptedAt", .datetime)
                t.column("rescuerName", .text)
                t.column("rescuerPhone", .text)
                t.column("arrivedAt", .datetime)
                t.column("arrival", .text)
                t.column("releasedAt", .datetime)
                t.column("closedAt", .datetime)
                t.column("cancelledAt", .datetime)
                t.column("cancelReason", .text)
                t.column("escalatedAt", .datetime)
                t.column("lateAt", .datetime)
            }
            try db.create(index: "rescue_on_number", on: "rescue", columns: ["number", "reportedAt"])
            try db.create(index: "rescue_on_district", on: "rescue", columns: ["district", "reportedAt"])
            try db.create(index: "rescue_on_unit", on: "rescue", columns: ["maintenanceUnit", "reportedAt"])
            // The deadline watch reads only orders still waiting for acceptance or arrival.
            try db.create(
                index: "rescue_on_waiting", on: "rescue", columns: ["arriveBy"],
                condition: ["reported", "dispatched", "accepted"].contains(Column("state")))
            try db.create(table: "rescueEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("rescueId", .text).notNull().indexed().references("rescue", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("note", .text)
                t.column("by", .text)
            }
            // A trapped report's complaint names the order it opened or joined.
            try db.alter(table: "complaint") { t in
                t.add(column: "rescueId", .text)
            }
            try db.create(index: "complaint_on_rescueId", on: "complaint", columns: ["rescueId"])
            // Where a district's market-supervision office receives escalations.
            try db.create(table: "regulatorOffice") { t in
                t.primaryKey("district", .text)
                t.column("webhookURL", .text)
            }
            // The outbox carries rescue dispatches and escalations too: a row names a complaint or a
            // rescue, and the idempotency key the receiver sees. SQLite cannot relax NOT NULL in
            // place, so the table is rebuilt with its rows.
            try db.create(table: "outboxNew") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket", .text).references("complaint", onDelete: .cascade)
                t.column("rescueId", .text).references("rescue", onDelete: .cascade)
                t.column("idempotencyKey", .text)
                t.column("url", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("deliveredAt", .datetime)
                t.column("lastError", .text)
            }
            try db.execute(
                sql: """
                    INSERT INTO outboxNew (id, ticket, url, payload, attempts, nextAttemptAt, deliveredAt, lastError)
                    SELECT id, ticket, url, payload, attempts, nextAttemptAt, deliveredAt, lastError FROM outbox
                    """)
            try db.drop(table: "outbox")
            try db.rename(table: "outboxNew", to: "outbox")
            try db.create(index: "outbox_on_pending", on: "outbox", columns: ["nextAttemptAt"], condition: Column("deliveredAt") == nil)
        }

        return migrator
    }
}
