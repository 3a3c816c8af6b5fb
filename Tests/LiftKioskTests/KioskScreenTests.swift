import Foundation
import LiftCore
import LiftKiosk
import LiftStore
import Testing

/// The kiosk driven through its session (the same one the terminal runs) with a real local
/// backend over an in-memory database: what is on the screen after each kind of scan.
@Suite struct KioskScreenTests {
    let world: KioskWorld

    init() async throws {
        world = try await KioskWorld()
    }

    /// Every row fits the screen by display width.
    func expectFits(_ screen: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in screen.lines {
            #expect(DisplayWidth.of(line) <= screen.size.columns, "\(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func waitingScreen() async {
        let session = world.session()
        let screen = await session.screen
        #expect(screen.text.contains("请扫描电梯二维码"))
        #expect(screen.text.contains("被困请拨打 96333"))
        #expect(screen.size == TerminalSize(columns: 80, rows: 24))
        expectFits(screen)
    }

    @Test func genuineScanShowsTheCardWithAlignedColumns() async throws {
        let session = world.session()
        await session.scan(try world.code(world.current))
        let screen = await session.screen
        let text = screen.text
        #expect(screen.line(1).contains("真标签：标签 N000614-1 签名验证通过"))
        #expect(screen.style(of: "真标签")?.background == .green)
        #expect(text.contains("崇川区文峰街道紫东花苑沿街 紫东花苑沿街商铺"))
        #expect(text.contains("陈建章  13912345678"))
        #expect(text.contains("南通弘扬电梯安装有限公司  0513-85123456"))
        #expect(text.contains("江苏坤园物业管理有限公司"))
        #expect(text.contains("中国人民财产保险 电梯安全责任险 有效期至 2027-08-17"))
        #expect(text.contains("2027-10-01"))
        #expect(text.contains("[C] 投诉"))
        // The status in green, and its due day.
        #expect(screen.style(of: "正常")?.foreground == .green)
        #expect(text.contains("半月保截止 2026-12-07"))
        // Labels in one column, values in another: every value starts at the same display column.
        let values = ["N000614", "005248", "崇川区文峰街道", "正常", "陈建章", "南通弘扬", "江苏坤园", "中国人民财产保险", "2027-10-01", "30103206012014091551", "巨人通力电梯"]
        let columns = values.compactMap { screen.find($0)?.column }
        #expect(columns.count == values.count)
        #expect(Set(columns).count == 1, "value columns: \(columns)")
        let labels = ["电梯编号", "96333识别码", "地址", "维保状态", "最近维保", "维保人员", "维保单位", "使用单位", "保险", "下次检验"]
        #expect(Set(labels.compactMap { screen.find($0)?.column }) == [1])
        expectFits(screen)
    }

    @Test func counterfeitScanWarnsAndShowsNothingOfTheRegistry() async throws {
        let session = world.session()
        await session.scan(try world.counterfeitCode())
        let screen = await session.screen
        #expect(screen.line(1).contains("伪造标签！签名无法验证"))
        #expect(screen.style(of: "伪造标签")?.background == .red)
        #expect(screen.text.contains("电梯 N000614"))
        #expect(!screen.text.contains("崇川区文峰街道"))
        #expect(!screen.text.contains("陈建章"))
        #expect(screen.text.contains("[C] 举报伪造标签"))
        expectFits(screen)
    }

    @Test func revokedScanSaysSoAndShowsTheFacts() async throws {
        let session = world.session()
        await session.scan(try world.code(world.overdue, serial: 1))
        let screen = await session.screen
        #expect(screen.line(1).contains("标签 N006109-1 已作废"))
        #expect(screen.style(of: "已作废")?.background == .yellow)
        #expect(screen.text.contains("崇川区钟通甲路6号紫东世纪"))
        #expect(screen.style(of: "超期")?.foreground == .red)
        #expect(screen.text.contains("已过期"))
        #expect(screen.style(of: "已过期")?.foreground == .red)
        // The replacement label is genuine.
        await session.scan(try world.code(world.overdue, serial: 2))
        #expect(await session.screen.line(1).contains("真标签：标签 N006109-2"))
    }

    @Test(arguments: ["006109", "N006109", "  n006109  ", "006109\t"])
    func typedNumberIsAnUnverifiedLookup(_ typed: String) async throws {
        let session = world.session()
        await session.scan(typed)
        let screen = await session.screen
        #expect(screen.line(1).contains("手动输入编号 N006109，未经标签验证"))
        #expect(screen.text.contains("崇川区钟通甲路6号紫东世纪"))
    }

    @Test func scannerQuirksAreTolerated() async throws {
        let session = world.session()
        // Lower case, surrounding spaces, a trailing Tab instead of Enter.
        await session.scan("  " + (try world.code(world.current)).lowercased() + " ", suffix: "\t")
        #expect(await session.screen.line(1).contains("真标签：标签 N000614-1"))
        // Tab then Enter: one lookup, the card stays.
        await session.scan(try world.code(world.overdue, serial: 2), suffix: "\t\r")
        #expect(await session.screen.line(1).contains("N006109-2"))
        // CR LF as one Enter.
        await session.scan("000614", suffix: "\r\n")
        #expect(await session.screen.line(1).contains("手动输入编号 N000614"))
    }

    @Test func unregisteredAndClassifiedElevators() async throws {
        let session = world.session()
        await session.scan("000001")
        #expect(await session.text.contains("未找到电梯 N000001 的登记信息"))
        await session.scan(try world.code(world.classified))
        let screen = await session.screen
        #expect(screen.line(1).contains("真标签"))
        #expect(screen.text.contains("涉密电梯"))
        #expect(!screen.text.contains("秘密地址"))
    }

    @Test func englishCard() async throws {
        let session = world.session(language: .en)
        #expect(await session.text.contains("Please scan the elevator's QR code"))
        await session.scan(try world.code(world.current))
        let screen = await session.screen
        #expect(screen.line(1).contains("Genuine label N000614-1"))
        #expect(screen.text.contains("up to date"))
        #expect(screen.text.contains("[C] complaint"))
        expectFits(screen)
    }

    /// Issue 10, point 3: the ticket screen of a classified elevator's complaint names no unit.
    @Test func aClassifiedElevatorsTicketScreenNamesNoUnit() async throws {
        let session = world.session()
        await session.scan(try world.code(world.classified))
        await session.type("c")
        await session.type("2")
        await session.type("\r")
        await session.type("\r")
        await session.settle()
        guard case .ticket(let ticket, _) = await session.state.screen else {
            Issue.record("no ticket screen: \(await session.screen.text)")
            return
        }
        #expect(!(await session.screen.text.contains(KioskWorld.unitA)))
        #expect(ticket.routedTo == nil)
        #expect(try await world.database.complaint(ticket: ticket.ticket)?.routedTo == KioskWorld.unitA, "it still reaches the unit")
    }

    @Test func complaintIsFiledAndRoutedToTheMaintenanceUnit() async throws {
        let session = world.session()
        await session.scan(try world.code(world.current))
        await session.type("c")
        #expect(await session.text.contains("请选择问题"))
        #expect(await session.text.contains("2  异响"))
        #expect(await session.text.contains("6  照明或通风故障"))
        await session.type("2")
        #expect(await session.text.contains("补充说明"))
        await session.type("晚上电梯有异响，很吵\r")
        #expect(await session.text.contains("联系电话"))
        await session.type("139 1234 5678\r")
        await session.settle()
        let screen = await session.screen
        #expect(screen.text.contains("已提交"))
        guard case .ticket(let ticket, _) = await session.state.screen else {
            Issue.record("no ticket screen: \(screen.text)")
            return
        }
        #expect(screen.text.contains(ticket.ticket))
        #expect(screen.text.contains("转交      南通弘扬电梯安装有限公司"))
        let filed = try #require(try await world.database.complaint(ticket: ticket.ticket))
        #expect(filed.number == world.current)
        #expect(filed.draft.category == .complaint)
        #expect(filed.draft.problem == .noise)
        #expect(filed.draft.text == "晚上电梯有异响，很吵")
        #expect(filed.draft.phone == "13912345678")
        #expect(filed.verification == .genuine)
        #expect(filed.label == LabelID(number: world.current, serial: 1))
        #expect(filed.routedTo == KioskWorld.unitA)
        #expect(filed.routedWorker == "W0101")
        #expect(filed.state == .routed)
        // Enter goes back to waiting.
        await session.type("\r")
        #expect(await session.text.contains("请扫描电梯二维码"))
    }

    @Test func alarmWithoutTextOrPhoneAndPastedText() async throws {
        let session = world.session()
        await session.scan("006109")
        await session.type("A")
        #expect(await session.text.contains("如有人被困，请立即拨打 96333"))
        await session.type("\u{1B}[B\u{1B}[B\r")  // arrow down twice, Enter: the third problem
        await session.type("\u{1B}[200~门口\n有水\u{1B}[201~\r\r")
        await session.settle()
        guard case .ticket(let ticket, _) = await session.state.screen else {
            Issue.record("no ticket: \(await session.text)")
            return
        }
        let filed = try #require(try await world.database.complaint(ticket: ticket.ticket))
        #expect(filed.draft.category == .alarm)
        #expect(filed.draft.problem == .shaking)
        #expect(filed.draft.text == "门口 有水")
        #expect(filed.draft.phone == nil)
        #expect(filed.verification == .unverified)
        #expect(filed.routedTo == KioskWorld.unitB)
    }

    @Test func counterfeitReportGoesToTheRegulator() async throws {
        let session = world.session()
        await session.scan(try world.counterfeitCode())
        await session.type("c7\r\r")
        await session.settle()
        guard case .ticket(let ticket, _) = await session.state.screen else {
            Issue.record("no ticket: \(await session.text)")
            return
        }
        #expect(await session.text.contains("崇川区市场监督管理局"))
        let filed = try #require(try await world.database.complaint(ticket: ticket.ticket))
        #expect(filed.verification == .counterfeit)
        #expect(filed.routedTo == "崇川区市场监督管理局")
    }

    @Test func badPhoneIsRefusedOnScreenAndNothingIsFiled() async throws {
        let session = world.session()
        await session.scan(try world.code(world.current))
        await session.type("s1\r12345\r")
        await session.settle()
        #expect(await session.text.contains("提交失败"))
        #expect(await session.text.contains("不是有效的手机号码"), "in the kiosk's language")
        #expect(try await world.database.complaints(ComplaintFilter(number: world.current)).isEmpty)
        // Escape steps back: phone, text, problem list, card.
        // A lone ESC is the Escape key once input pauses (a tick with nothing new).
        await session.type("\u{1B}")
        await session.tick()
        await session.tick()
        #expect(await session.text.contains("补充说明"))
    }

    @Test func garbageNeitherCrashesNorHangs() async throws {
        let session = world.session()
        var generator = SystemRandomNumberGenerator()
        let binary = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        await session.receive(binary)
        await session.receive(Array("\u{1B}[999999999999999999999;99999999999H\u{1B}]0;title\u{07}\u{1B}P\u{1B}\\\u{1B}[[Z\u{1B}O\u{1B}".utf8))
        await session.receive([0xC3, 0x28, 0xE2, 0x82, 0xFF, 0xF0, 0x9F, 0x98, 0x81, 0xED, 0xA0, 0x80])
        await session.type(String(repeating: "长", count: 100_000) + "\r")
        await session.type("garbage!\r")
        await session.settle()
        await session.tick()
        await session.type("\u{1B}\u{1B}\r")
        await session.settle()
        let screen = await session.screen
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(!screen.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // Still alive: a genuine scan works.
        await session.tick()
        await session.scan(try world.code(world.current))
        #expect(await session.screen.line(1).contains("真标签"))
        #expect(await session.exitRequested == false)
    }

    @Test func unreadableInputSaysWhy() async throws {
        let session = world.session()
        await session.scan("hello world, not a code")
        #expect(await session.text.contains("无法识别：这不是本平台的电梯标签二维码"))
        await session.scan("12345")
        #expect(await session.text.contains("电梯编号是 6 位数字"))
        await session.scan(String(repeating: "X", count: 5000))
        #expect(await session.text.contains("输入过长"))
    }

    @Test func resizeLaysTheCardOutAgain() async throws {
        let session = world.session()
        await session.scan(try world.code(world.current))
        await session.resize(TerminalSize(columns: 120, rows: 40))
        var screen = await session.screen
        #expect(screen.size == TerminalSize(columns: 120, rows: 40))
        #expect(screen.text.contains("崇川区文峰街道紫东花苑沿街 紫东花苑沿街商铺"))
        #expect(screen.line(38).contains("[C] 投诉"))
        await session.resize(TerminalSize(columns: 40, rows: 16))
        screen = await session.screen
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= 40 })
        #expect(screen.line(1).contains("真标签"))
        // A narrow screen wraps values under their own column, never splitting a character.
        let address = try #require(screen.find("崇川区"))
        #expect(screen.line(address.row + 1).hasPrefix(String(repeating: " ", count: address.column)))
        await session.resize(TerminalSize(columns: 20, rows: 5))
        #expect(await session.text.contains("窗口太小"))
        await session.resize(.standard)
        #expect(await session.screen.find("N000614")?.column == 14)
    }

    @Test func idleTimeoutReturnsToWaiting() async throws {
        let session = world.session()
        await session.scan(try world.code(world.current))
        world.clock.advance(59)
        await session.tick()
        #expect(await session.text.contains("N000614"))
        world.clock.advance(2)
        await session.tick()
        #expect(await session.text.contains("请扫描电梯二维码"))
    }

    @Test func ctrlCDoesNotExitButTheAdminSequenceDoes() async throws {
        let session = world.session()
        await session.receive([0x03])
        #expect(await session.exitRequested == false)
        await session.type("\u{18}\u{18}qui")
        #expect(await session.exitRequested == false)
        await session.type("t")
        #expect(await session.exitRequested == true)

        let trying = world.session(allowExit: true)
        await trying.receive([0x03])
        #expect(await trying.exitRequested == true)
    }
}
