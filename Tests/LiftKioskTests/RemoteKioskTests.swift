import Foundation
import Hummingbird
import HummingbirdTesting
import LiftCore
import LiftKiosk
import LiftServer
import LiftStore
import Logging
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The kiosk in remote mode against a real `liftcode serve` application listening on a port:
/// the same screens through the JSON API, and an unreachable server said on screen and retried.
@Suite struct RemoteKioskTests {
    let world: KioskWorld

    init() async throws {
        world = try await KioskWorld()
    }

    func app(publicURL: String? = nil) -> some ApplicationProtocol {
        let database = world.database
        let dependencies = ServerDependencies(
            registry: database, complaints: database, outbox: database, accounts: database, maintenance: database,
            supervision: database, signatures: world.keyRing, publicKeys: [], today: { KioskWorld.today })
        var configuration = ServerConfiguration(port: 0, labelBaseURL: KioskWorld.base, logRequests: false)
        configuration.publicURL = publicURL
        return buildApplication(configuration, dependencies: dependencies, logger: Logger(label: "kiosk-test"))
    }

    func session(server: String, timeout: Duration = .seconds(5), language: Language = .zh) throws -> KioskSession {
        let clock = world.clock
        var settings = world.settings(language: language)
        settings.server = server
        return KioskSession(
            settings: settings, backend: try RemoteKioskBackend(server: server, timeout: timeout, language: language), clock: { clock.now })
    }

    @Test func scansAndComplaintsThroughTheServer() async throws {
        let world = world
        try await app(publicURL: "https://lc.example.cn").test(.live) { client in
            let port = try #require(client.port)
            // A generous timeout: the whole suite runs in parallel on two cores, and this test is
            // about what the screens show, not about how long the kiosk waits.
            let session = try session(server: "http://127.0.0.1:\(port)/", timeout: .seconds(30))
            await session.scan(try world.code(world.current))
            var screen = await session.screen
            #expect(screen.line(1).contains("真标签：标签 N000614-1 签名验证通过"))
            #expect(screen.text.contains("陈建章  13912345678"))
            #expect(screen.find("崇川区文峰街道")?.column == screen.find("N000614")?.column)

            await session.scan(try world.counterfeitCode())
            #expect(await session.screen.line(1).contains("伪造标签"))
            await session.scan(try world.code(world.overdue, serial: 1))
            #expect(await session.screen.line(1).contains("已作废"))
            await session.scan("n006109")
            #expect(await session.screen.line(1).contains("手动输入编号 N006109"))
            await session.scan("000002")
            #expect(await session.text.contains("未找到电梯 N000002"))

            await session.scan(try world.code(world.current))
            await session.type("c5按钮没反应\r13812345678\r")
            await session.settle()
            screen = await session.screen
            guard case .ticket(let ticket, _) = await session.state.screen else {
                Issue.record("no ticket: \(screen.text)")
                return
            }
            // The public address a passenger's phone opens, not the one the kiosk reaches the server by.
            #expect(ticket.url == "https://lc.example.cn/T/\(ticket.ticket)")
            #expect(screen.text.contains("https://lc.example.cn/T/"))
            #expect(screen.text.contains("查看进度"))
            let filed = try #require(try await world.database.complaint(ticket: ticket.ticket))
            #expect(filed.draft.problem == .buttons)
            #expect(filed.draft.text == "按钮没反应")
            #expect(filed.verification == .genuine)
            #expect(filed.routedTo == KioskWorld.unitA)
        }
    }

    @Test func theKioskSpeaksItsOwnLanguage() async throws {
        let world = world
        try await app().test(.live) { client in
            let port = try #require(client.port)
            let chinese = try session(server: "http://127.0.0.1:\(port)", timeout: .seconds(30))
            await chinese.scan(try world.counterfeitCode())
            var text = await chinese.text
            #expect(text.contains("签名与标签内容不符"), "\(text)")
            #expect(!text.contains("signature"))
            await chinese.scan(try world.code(world.current))
            await chinese.type("c5\r123\r")
            await chinese.settle()
            text = await chinese.text
            #expect(text.contains("不是有效的手机号码"), "\(text)")

            let english = try session(server: "http://127.0.0.1:\(port)", timeout: .seconds(30), language: .en)
            await english.scan(try world.counterfeitCode())
            text = await english.text
            #expect(text.contains("the signature does not match the label"), "\(text)")
            await english.scan(try world.code(world.current))
            await english.type("c5\r123\r")
            await english.settle()
            text = await english.text
            #expect(text.contains("is not a mainland mobile number"), "\(text)")
        }
    }

    @Test func unreachableServerIsShownAndRetried() async throws {
        let port = try Self.closedPort()
        let session = try session(server: "http://127.0.0.1:\(port)", timeout: .seconds(1))
        await session.scan(try world.code(world.current))
        var text = await session.text
        #expect(text.contains("无法连接服务器"))
        #expect(text.contains("已尝试 1 次"))
        // Nothing happens before the retry is due; then it tries again.
        await session.tick()
        #expect(await session.isBusy == false)
        world.clock.advance(1.5)
        await session.tick()
        await session.settle()
        text = await session.text
        #expect(text.contains("已尝试 2 次"))
        // Escape gives up.
        await session.type("\u{1B}")
        await session.tick()
        await session.tick()
        #expect(await session.text.contains("请扫描电梯二维码"))
    }

    @Test func badServerURLsAreRefused() {
        #expect(throws: KioskConfigurationError.self) { try RemoteKioskBackend(server: "ftp://example.cn") }
        #expect(throws: KioskConfigurationError.self) { try RemoteKioskBackend(server: "not a url") }
        #expect(throws: KioskConfigurationError.self) { try RemoteKioskBackend(server: "http://host/?q=1") }
    }

    /// A local port nothing listens on: bound, then closed.
    static func closedPort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
