import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import LiftCore
import LiftServer
import LiftTestSupport
import Logging
import Testing

/// A console world: TestWorld with console accounts (cheap bcrypt hashes), a movable clock, and
/// a cookie jar per browser.
struct ConsoleWorld {
    static let password = "correct horse battery"
    let world: TestWorld
    let clock: TestClock

    init() async throws {
        world = try await TestWorld()
        clock = TestClock(Date())
        let hash = Bcrypt.hash(Self.password, cost: 4)
        for account in [
            Account(id: 0, role: .property, unit: "江苏坤园物业管理有限公司", login: "property", createdAt: Date()),
            Account(id: 0, role: .maintainer, unit: TestWorld.unitA, login: "unitA", createdAt: Date()),
            Account(id: 0, role: .maintainer, unit: TestWorld.unitB, login: "unitB", createdAt: Date()),
            Account(id: 0, role: .regulator, district: "崇川区", login: "regulator", createdAt: Date()),
            Account(id: 0, role: .worker, unit: TestWorld.unitA, workerLogin: "W0101", login: "W0101", createdAt: Date()),
            Account(id: 0, role: .admin, login: "admin", createdAt: Date()),
        ] {
            _ = try await world.database.addAccount(account, tokenHash: UUID().uuidString, passwordHash: hash)
        }
    }

    func app() -> some ApplicationProtocol {
        var dependencies = world.dependencies(now: { [clock] in clock.now })
        dependencies.sessions = world.database
        dependencies.visits = world.database
        var configuration = world.configuration()
        configuration.bcryptCost = 4
        return buildApplication(configuration, dependencies: dependencies, logger: Logger(label: "console-test"))
    }
}

/// What a browser keeps: cookies by name.
final class CookieJar: @unchecked Sendable {
    private(set) var cookies: [String: String] = [:]

    func take(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            cookies[String(pair[0])] = String(pair[1])
        }
    }

    var header: HTTPFields {
        [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    func form(_ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = header
        fields[.contentType] = "application/x-www-form-urlencoded"
        for field in extra { fields.append(field) }
        return fields
    }
}

extension TestResponse {
    /// The value of a page's first hidden csrf field.
    var csrf: String? {
        guard let range = text.range(of: #"name="csrf" value=""#) else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}

@Suite struct ConsoleRouteTests {
    /// Signs in and returns the status of the sign-in answer.
    @discardableResult
    func signIn(_ client: some TestClientProtocol, _ jar: CookieJar, _ login: String, _ password: String = ConsoleWorld.password) async throws -> TestResponse {
        let csrf = try await client.execute(uri: "/console/", method: .get, headers: jar.header) { response in
            jar.take(response)
            return response.csrf ?? ""
        }
        return try await client.execute(
            uri: "/console/sign-in", method: .post, headers: jar.form(),
            body: ByteBuffer(string: "csrf=\(csrf)&login=\(login)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        ) { response in
            jar.take(response)
            return response
        }
    }

    /// The CSRF token of a signed-in page.
    func csrf(_ client: some TestClientProtocol, _ jar: CookieJar, _ path: String = "/console/home") async throws -> String {
        try await client.execute(uri: path == "/console/home" ? "/console/complaints" : path, method: .get, headers: jar.header) { response in
            jar.take(response)
            return try #require(response.csrf)
        }
    }

    @Test func signingInOpensAServerSideSessionWithAStrictCookie() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let jar = CookieJar()
            let answer = try await signIn(client, jar, "property")
            #expect(answer.status == .seeOther)
            #expect(answer.headers[.location] == "/console/home")
            let cookie = answer.headers[values: .setCookie].first { $0.hasPrefix("liftcode_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"), "http base URL: no Secure flag (tested for https below)")
            try await client.execute(uri: "/console/elevators", method: .get, headers: jar.header) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("N000614"))
                #expect(!response.text.contains("N006109"), "another property's elevator")
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            }
            // The session lives in the database: another server on it would know it.
            let stored = try await console.world.database.session(key: "console." + (jar.cookies["liftcode_session"] ?? "").removingPercentEncoding!, now: Date())
            #expect(stored != nil)
        }
    }

    @Test func wrongPasswordsAreRefusedAndFiveLockTheLogin() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let jar = CookieJar()
            #expect(try await signIn(client, jar, "property", "wrong password").status == .unauthorized)
            #expect(try await signIn(client, jar, "nobody-at-all", "wrong password").status == .unauthorized, "an unknown login looks the same")
            for _ in 0..<3 {
                #expect(try await signIn(client, jar, "property", "wrong password").status == .unauthorized)
            }
            let fifth = try await signIn(client, jar, "property", "wrong password")
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.text.contains("锁定至"))
            #expect(try await signIn(client, jar, "property").status == .tooManyRequests, "locked even with the right password")
            // 15 minutes later the lock is over.
            console.clock.set(console.clock.now.addingTimeInterval(15 * 60 + 1))
            #expect(try await signIn(client, jar, "property").status == .seeOther)
        }
    }

    @Test func oneAddressFailingTwentyTimesIsStopped() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let jar = CookieJar()
            for index in 0..<20 {
                _ = try await signIn(client, jar, "guess\(index)", "wrong password")
            }
            #expect(try await signIn(client, jar, "admin").status == .tooManyRequests, "the address tried too many logins")
        }
    }

    @Test func aPostWithoutItsCSRFTokenIsRefusedAndChangesNothing() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let filed = try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: ByteBuffer(string: #"{"elevator": "N000614", "category": "complaint", "problem": "noise"}"#)
            ) { try #require(try $0.json()["ticket"] as? String) }
            let id = try #require(try await console.world.database.complaint(ticket: filed)?.publicID)
            let jar = CookieJar()
            try await signIn(client, jar, "unitA")
            for body in ["do=acknowledge", "do=acknowledge&csrf=", "do=acknowledge&csrf=AAAA"] {
                try await client.execute(uri: "/console/complaints/\(id)", method: .post, headers: jar.form(), body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .forbidden)
                }
            }
            #expect(try await console.world.database.complaint(ticket: filed)?.state == .routed)
            // The sign-in form needs its token too.
            try await client.execute(
                uri: "/console/sign-in", method: .post, headers: CookieJar().form(), body: ByteBuffer(string: "login=unitA&password=x")
            ) { response in
                #expect(response.status == .forbidden)
            }
            // With the token it works.
            let token = try await csrf(client, jar)
            try await client.execute(uri: "/console/complaints/\(id)", method: .post, headers: jar.form(), body: ByteBuffer(string: "do=acknowledge&csrf=\(token)")) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await console.world.database.complaint(ticket: filed)?.state == .acknowledged)
        }
    }

    @Test func eachRoleStaysInItsScope() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let filed = try await client.execute(
                uri: "/api/v1/complaints", method: .post, headers: .json,
                body: ByteBuffer(string: #"{"elevator": "N006109", "category": "complaint", "problem": "noise", "phone": "13900001111"}"#)
            ) { try #require(try $0.json()["ticket"] as? String) }
            let id = try #require(try await console.world.database.complaint(ticket: filed)?.publicID)
            let property = CookieJar()
            try await signIn(client, property, "property")
            try await client.execute(uri: "/console/elevators/N006109", method: .get, headers: property.header) { response in
                #expect(response.status == .forbidden, "another property's elevator")
            }
            try await client.execute(uri: "/console/accounts", method: .get, headers: property.header) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/console/complaints", method: .get, headers: property.header) { response in
                #expect(!response.text.contains("13900001111"))
            }
            let unitA = CookieJar()
            try await signIn(client, unitA, "unitA")
            let token = try await csrf(client, unitA)
            try await client.execute(uri: "/console/complaints/\(id)", method: .post, headers: unitA.form(), body: ByteBuffer(string: "do=acknowledge&csrf=\(token)")) { response in
                #expect(response.status == .forbidden, "unit B's complaint")
            }
            let unitB = CookieJar()
            try await signIn(client, unitB, "unitB")
            try await client.execute(uri: "/console/complaints", method: .get, headers: unitB.header) { response in
                #expect(response.text.contains(id))
                #expect(response.text.contains("13900001111"), "the unit calls the reporter back")
                #expect(!response.text.contains(filed), "never the reporter's ticket")
            }
            let worker = CookieJar()
            try await signIn(client, worker, "W0101")
            try await client.execute(uri: "/console/review", method: .get, headers: worker.header) { response in
                #expect(response.status == .forbidden)
            }
            let regulator = CookieJar()
            try await signIn(client, regulator, "regulator")
            try await client.execute(uri: "/console/elevators?district=港闸区", method: .get, headers: regulator.header) { response in
                #expect(response.status == .forbidden, "another district")
            }
            try await client.execute(uri: "/console/elevators?overdue=true&unit=&building=", method: .get, headers: regulator.header) { response in
                #expect(response.status == .ok, "blank fields are ignored")
                #expect(response.text.contains("N006109"))
                #expect(!response.text.contains(">N000614<"), "not overdue")
            }
            try await client.execute(uri: "/console/export/elevators?overdue=true&unit=&format=csv", method: .get, headers: regulator.header) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("N006109"))
                #expect(!response.text.contains("N000614"), "the export shows exactly what the list shows")
            }
        }
    }

    @Test func anIdleSessionExpiresAndSignOutEndsIt() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let jar = CookieJar()
            try await signIn(client, jar, "regulator")
            console.clock.set(console.clock.now.addingTimeInterval(29 * 60))
            try await client.execute(uri: "/console/summary", method: .get, headers: jar.header) { response in
                #expect(response.status == .ok, "each request keeps the session alive")
            }
            console.clock.set(console.clock.now.addingTimeInterval(31 * 60))
            try await client.execute(uri: "/console/summary", method: .get, headers: jar.header) { response in
                #expect(response.status == .seeOther, "30 idle minutes end a regulator's session")
                #expect(response.headers[.location]?.hasPrefix("/console/") == true)
            }
            // A worker's lasts 12 hours.
            let worker = CookieJar()
            try await signIn(client, worker, "W0101")
            console.clock.set(console.clock.now.addingTimeInterval(11 * 3600))
            try await client.execute(uri: "/console/records", method: .get, headers: worker.header) { response in
                #expect(response.status == .ok)
            }
            let token = try await csrf(client, worker, "/console/records")
            try await client.execute(uri: "/console/sign-out", method: .post, headers: worker.form(), body: ByteBuffer(string: "csrf=\(token)")) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/console/records", method: .get, headers: worker.header) { response in
                #expect(response.status == .seeOther, "signed out")
            }
        }
    }

    @Test func anAdminSetsAPasswordThePolicyAllows() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let jar = CookieJar()
            try await signIn(client, jar, "admin")
            let token = try await csrf(client, jar, "/console/accounts")
            for weak in ["888888888888", "short", "property"] {
                try await client.execute(
                    uri: "/console/accounts", method: .post, headers: jar.form(), body: ByteBuffer(string: "do=set-password&login=property&password=\(weak)&csrf=\(token)")
                ) { response in
                    #expect(response.status == .badRequest, "\(weak)")
                }
            }
            try await client.execute(
                uri: "/console/accounts", method: .post, headers: jar.form(), body: ByteBuffer(string: "do=set-password&login=property&password=a+new+long+passphrase&csrf=\(token)")
            ) { response in
                #expect(response.status == .ok)
            }
            #expect(try await signIn(client, CookieJar(), "property", "a new long passphrase").status == .seeOther)
        }
    }
}

/// The worker's visit from the phone: start and end on the label page, typed numbers with a photo.
@Suite struct ConsoleVisitTests {
    func console() async throws -> ConsoleWorld { try await ConsoleWorld() }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)

    @Test func aWorkerStartsAndEndsAVisitOnTheLabelPage() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let jar = CookieJar()
            try await ConsoleRouteTests().signIn(client, jar, "W0101")
            let path = try console.world.path(console.world.current)
            let token = try await client.execute(uri: "/E/\(path)", method: .get, headers: jar.header) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("开始维保"))
                #expect(response.headers[.cacheControl] == "no-store", "a worker's page is not cached")
                return try #require(response.csrf)
            }
            // A stranger's page shows no panel.
            try await client.execute(uri: "/E/\(path)", method: .get) { response in
                #expect(!response.text.contains("开始维保"))
            }
            try await client.execute(
                uri: "/console/visits/start", method: .post, headers: jar.form(), body: ByteBuffer(string: "csrf=\(token)&code=\(path)&type=half-month")
            ) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/E/\(path)", method: .get, headers: jar.header) { response in
                #expect(response.text.contains("维保进行中"))
                #expect(!response.text.contains("结束维保并上传"), "not before 30 minutes")
            }
            // Ending early is refused by the upload's own rule.
            try await client.execute(
                uri: "/console/visits/end", method: .post, headers: jar.form(), body: ByteBuffer(string: "csrf=\(token)&code=\(path)&items=门系统")
            ) { response in
                #expect(response.status == .badRequest)
            }
            console.clock.set(console.clock.now.addingTimeInterval(35 * 60))
            try await client.execute(uri: "/E/\(path)", method: .get, headers: jar.header) { response in
                #expect(response.text.contains("结束维保"))
            }
            try await client.execute(
                uri: "/console/visits/end", method: .post, headers: jar.form(),
                body: ByteBuffer(string: "csrf=\(token)&code=\(path)&items=门系统,曳引机&remarks=正常")
            ) { response in
                #expect(response.status == .created)
                #expect(response.text.contains("通过"))
            }
            let records = try await console.world.database.maintenanceEntries(MaintenanceFilter(workerLogin: "W0101", byUpload: true))
            let record = try #require(records.first?.record)
            #expect(record.number == console.world.current)
            #expect(record.status == .passed && record.isCounted)
            #expect(record.verification == .genuine)
            #expect(record.items == ["门系统", "曳引机"])
            #expect(try await console.world.database.openVisit(workerLogin: "W0101") == nil)
        }
    }

    @Test func aTypedNumberCarriesAPhotoTheRegulatorReviews() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let worker = CookieJar()
            try await ConsoleRouteTests().signIn(client, worker, "W0101")
            let token = try await ConsoleRouteTests().csrf(client, worker, "/console/visit")
            func multipart(_ fields: [(String, String)], photo: [UInt8]?) -> (HTTPFields, ByteBuffer) {
                let boundary = "liftcodeboundary"
                var body = ByteBuffer()
                for (name, value) in fields {
                    body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
                }
                if let photo {
                    body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"label.png\"\r\nContent-Type: image/png\r\n\r\n")
                    body.writeBytes(photo)
                    body.writeString("\r\n")
                }
                body.writeString("--\(boundary)--\r\n")
                var headers = worker.header
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                return (headers, body)
            }
            let fields = [("csrf", token), ("number", "000614"), ("type", "half-month")]
            // Not an image: refused.
            let (badHeaders, badBody) = multipart(fields, photo: Array("GIF89a not allowed".utf8))
            try await client.execute(uri: "/console/visits/typed", method: .post, headers: badHeaders, body: badBody) { response in
                #expect(response.status == .badRequest)
            }
            // No CSRF token: refused.
            let (forgedHeaders, forgedBody) = multipart([("number", "000614"), ("type", "half-month")], photo: Self.png)
            try await client.execute(uri: "/console/visits/typed", method: .post, headers: forgedHeaders, body: forgedBody) { response in
                #expect(response.status == .forbidden)
            }
            let (headers, body) = multipart(fields, photo: Self.png)
            try await client.execute(uri: "/console/visits/typed", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther)
            }
            console.clock.set(console.clock.now.addingTimeInterval(40 * 60))
            try await client.execute(
                uri: "/console/visits/typed", method: .post, headers: worker.form(), body: ByteBuffer(string: "csrf=\(token)&number=000614&items=门系统")
            ) { response in
                #expect(response.status == .created)
                #expect(response.text.contains("审核中"))
            }
            let record = try #require(try await console.world.database.maintenanceEntries(MaintenanceFilter(workerLogin: "W0101", byUpload: true)).first)
            #expect(record.record.status == .reviewing)
            let regulator = CookieJar()
            try await ConsoleRouteTests().signIn(client, regulator, "regulator")
            try await client.execute(uri: "/console/review", method: .get, headers: regulator.header) { response in
                #expect(response.text.contains("/console/photos/\(record.id)"))
            }
            try await client.execute(uri: "/console/photos/\(record.id)", method: .get, headers: regulator.header) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                #expect(Array(response.body.readableBytesView) == Self.png)
            }
            // The regulator asks for more; the worker answers on its records page.
            let regulatorToken = try await ConsoleRouteTests().csrf(client, regulator, "/console/review")
            try await client.execute(
                uri: "/console/review/\(record.id)", method: .post, headers: regulator.form(),
                body: ByteBuffer(string: "csrf=\(regulatorToken)&do=needs-data&note=请补拍标签")
            ) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/console/records", method: .get, headers: worker.header) { response in
                #expect(response.text.contains("/console/records/\(record.id)/supplement"))
            }
            try await client.execute(
                uri: "/console/records/\(record.id)/supplement", method: .post, headers: worker.form(),
                body: ByteBuffer(string: "csrf=\(token)&remarks=标签已补拍，门系统正常")
            ) { response in
                #expect(response.status == .seeOther)
            }
            let supplemented = try #require(try await console.world.database.maintenanceEntry(id: record.id))
            #expect(supplemented.record.status == .reviewing)
            #expect(supplemented.record.remarks == "标签已补拍，门系统正常")
            // Another unit sees nothing of it.
            let other = CookieJar()
            try await ConsoleRouteTests().signIn(client, other, "unitB")
            try await client.execute(uri: "/console/photos/\(record.id)", method: .get, headers: other.header) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}

/// The admin's units screen: phones and webhooks, checked as the admin API checks them.
@Suite struct ConsoleAdminTests {
    @Test func anAdminSetsAUnitsPhoneAndAPublicWebhookOnly() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let admin = CookieJar()
            try await ConsoleRouteTests().signIn(client, admin, "admin")
            let token = try await ConsoleRouteTests().csrf(client, admin, "/console/units")
            let name = TestWorld.unitA.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(
                uri: "/console/units", method: .post, headers: admin.form(),
                body: ByteBuffer(string: "csrf=\(token)&do=set&name=\(name)&phone=0513-85000000&webhook=http%3A%2F%2F10.0.0.5%2Fhook")
            ) { response in
                #expect(response.status == .badRequest, "a private address is refused")
            }
            try await client.execute(
                uri: "/console/units", method: .post, headers: admin.form(),
                body: ByteBuffer(string: "csrf=\(token)&do=set&name=\(name)&phone=0513-85000000&webhook=https%3A%2F%2Fops.example.cn%2Fhook")
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("https://ops.example.cn/hook"))
            }
            let unit = try #require(try await console.world.database.unit(named: TestWorld.unitA, kind: .maintenance))
            #expect(unit.phone == "0513-85000000")
            #expect(unit.webhookURL == "https://ops.example.cn/hook")
            let maintainer = CookieJar()
            try await ConsoleRouteTests().signIn(client, maintainer, "unitA")
            try await client.execute(uri: "/console/units", method: .get, headers: maintainer.header) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}

extension ConsoleAdminTests {
    @Test func anAdminAddsAnAccountThatSignsIn() async throws {
        let console = try await ConsoleWorld()
        try await console.app().test(.router) { client in
            let admin = CookieJar()
            try await ConsoleRouteTests().signIn(client, admin, "admin")
            let token = try await ConsoleRouteTests().csrf(client, admin, "/console/accounts")
            func add(_ fields: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/console/accounts", method: .post, headers: admin.form(), body: ByteBuffer(string: "csrf=\(token)&do=add&\(fields)")
                ) { $0.status }
            }
            let unit = "江苏坤园物业管理有限公司".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await add("role=property&login=newprop&password=short&unit=\(unit)") == .badRequest, "the password policy")
            #expect(try await add("role=property&login=newprop&password=a+long+passphrase&unit=NoSuchUnit") == .badRequest, "an unknown unit")
            #expect(try await add("role=property&login=property&password=a+long+passphrase&unit=\(unit)") == .badRequest, "a login taken")
            #expect(try await add("role=worker&login=W9999&password=a+long+passphrase&unit=\(TestWorld.unitA.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)") == .badRequest, "not a registered worker")
            #expect(try await add("role=property&login=newprop&password=a+long+passphrase&unit=\(unit)") == .ok)
            #expect(try await ConsoleRouteTests().signIn(client, CookieJar(), "newprop", "a long passphrase").status == .seeOther)
        }
    }
}

extension ConsoleRouteTests {
    @Test func theInboxPagesAndPutsAlarmsFirst() async throws {
        let console = try await ConsoleWorld()
        for index in 0..<55 {
            _ = try await console.world.database.file(ComplaintFiling(
                draft: ComplaintDraft(category: .complaint, problem: .noise), number: console.world.current, label: nil, verification: .unverified,
                receivedAt: Date().addingTimeInterval(-Double(100 - index) * 60)))
        }
        let alarm = try await console.world.database.file(ComplaintFiling(
            draft: ComplaintDraft(category: .alarm, problem: .shaking), number: console.world.current, label: nil, verification: .unverified, receivedAt: Date()))
        try await console.app().test(.router) { client in
            let jar = CookieJar()
            try await signIn(client, jar, "unitA")
            let next = try await client.execute(uri: "/console/complaints", method: .get, headers: jar.header) { response in
                #expect(response.text.components(separatedBy: "<tr class=").count - 1 == 50, "a page of 50")
                let firstRow = response.text.range(of: "data-key=\"").map { String(response.text[$0.upperBound...].prefix(13)) }
                #expect(firstRow == alarm.publicID, "the open alarm first")
                return try #require(response.text.range(of: #"href="/console/complaints?offset=50""#) != nil ? "/console/complaints?offset=50" : nil)
            }
            try await client.execute(uri: next, method: .get, headers: jar.header) { response in
                #expect(response.text.components(separatedBy: "<tr class=").count - 1 == 6)
                #expect(response.text.contains("rel=\"prev\""))
            }
        }
    }
}

/// Rescue orders in the console: the unit accepts, its rescuer proves arrival by opening the
/// elevator's label, then releases and closes; a regulator sees and exports the list.
@Suite struct ConsoleRescueTests {
    @Test func aRescueGoesFromAcceptanceToCloseThroughTheConsoleAndTheLabel() async throws {
        let console = try await ConsoleWorld()
        let order = try await console.world.database.openRescue(RescueFiling(
            number: console.world.current, source: .phone, verification: .unverified, callerPhone: "13900001111", receivedAt: console.clock.now))
        try await console.app().test(.router) { client in
            let unit = CookieJar()
            try await ConsoleRouteTests().signIn(client, unit, "unitA")
            let token = try await client.execute(uri: "/console/rescues", method: .get, headers: unit.header) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(order.id))
                return try #require(response.csrf)
            }
            try await client.execute(
                uri: "/console/rescues/\(order.id)", method: .post, headers: unit.form(), body: ByteBuffer(string: "csrf=\(token)&do=accept&rescuer=陈建章&phone=13912345678")
            ) { response in
                #expect(response.status == .seeOther)
            }
            // The rescuer opens the elevator's label on the phone: the page offers the arrival.
            let worker = CookieJar()
            try await ConsoleRouteTests().signIn(client, worker, "W0101")
            let path = try console.world.path(console.world.current)
            let workerToken = try await client.execute(uri: "/E/\(path)", method: .get, headers: worker.header) { response in
                #expect(response.text.contains("救援到达"))
                return try #require(response.csrf)
            }
            try await client.execute(
                uri: "/console/rescues/\(order.id)/arrival", method: .post, headers: worker.form(), body: ByteBuffer(string: "csrf=\(workerToken)&code=\(path)")
            ) { response in
                #expect(response.status == .seeOther)
            }
            let arrived = try #require(try await console.world.database.rescue(id: order.id))
            #expect(arrived.state == .arrived)
            #expect(arrived.arrival == .verified, "the genuine label of that elevator proves it")
            for action in ["release", "close"] {
                try await client.execute(
                    uri: "/console/rescues/\(order.id)", method: .post, headers: unit.form(), body: ByteBuffer(string: "csrf=\(token)&do=\(action)")
                ) { response in
                    #expect(response.status == .seeOther, "\(action)")
                }
            }
            #expect(try await console.world.database.rescue(id: order.id)?.state == .closed)
            // A unit cannot cancel; a regulator sees the list and exports it; so does the unit, not its worker.
            let regulator = CookieJar()
            try await ConsoleRouteTests().signIn(client, regulator, "regulator")
            try await client.execute(uri: "/console/rescues", method: .get, headers: regulator.header) { response in
                #expect(response.text.contains(order.id))
                #expect(!response.text.contains("13900001111"), "the caller's phone is the unit's alone")
            }
            try await client.execute(uri: "/console/export/rescues?format=csv", method: .get, headers: regulator.header) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(order.id))
            }
            try await client.execute(uri: "/console/export/rescues?format=csv", method: .get, headers: unit.header) { response in
                #expect(response.status == .ok, "a unit exports its own orders")
                #expect(response.text.contains(order.id))
            }
            try await client.execute(uri: "/console/export/rescues?format=csv", method: .get, headers: worker.header) { response in
                #expect(response.status == .forbidden, "not a worker")
            }
        }
    }
}
