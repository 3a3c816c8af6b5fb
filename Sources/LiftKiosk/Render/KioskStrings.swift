import LiftCore

/// The kiosk's words in Chinese and English. None uses an ambiguous-width character (no "·",
/// "…" or box drawing), so every terminal lays them out the same.
struct KioskStrings {
    let language: Language

    private func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    var platform: String { pick("电梯安全公共服务平台", "Elevator Safety Public Service") }
    var scanPrompt: String { pick("请扫描电梯二维码", "Please scan the elevator's QR code") }
    var otherScanPrompt: String { pick("Please scan the elevator's QR code", "请扫描电梯二维码") }
    var scanHelp: String {
        pick("将电梯轿厢内标签上的二维码对准扫描器；无法扫描时，请输入标签上的 6 位电梯编号并按回车键。",
             "Hold the label in the elevator car to the scanner. If it will not scan, type the 6-digit elevator number on the label and press Enter.")
    }
    var trapped: String { pick("被困请拨打 96333", "Trapped? Call 96333") }
    var trappedNow: String { pick("如有人被困，请立即拨打 96333，不要等待投诉处理！", "If anyone is trapped, call 96333 now: do not wait for a complaint!") }
    var inputLabel: String { pick("输入：", "Input: ") }
    var lookingUp: String { pick("正在查询", "Looking up") }
    func unreachable(_ reason: String) -> String { pick("无法连接服务器（\(reason)）", "Cannot reach the server (\(reason))") }
    func retrying(_ attempt: Int) -> String {
        pick("正在重试（已尝试 \(attempt) 次），按 Esc 返回", "Retrying (\(attempt) tries so far); press Esc to go back")
    }
    func unreadable(_ error: ScanInputError) -> String {
        switch error {
        case .empty: return pick("没有扫描到内容", "Nothing was scanned")
        case .tooLong: return pick("无法识别：输入过长，不是电梯标签", "Not recognised: too long for a label code")
        case .notANumber: return pick("无法识别：电梯编号是 6 位数字，如 006109 或 N006109", "Not recognised: an elevator number is 6 digits, as 006109 or N006109")
        case .notALabel: return pick("无法识别：这不是本平台的电梯标签二维码", "Not recognised: this is not a liftcode elevator label")
        }
    }
    func failed(_ reason: String) -> String { pick("查询失败：\(reason)", "Lookup failed: \(reason)") }

    // Verification banners.
    func genuine(_ label: String) -> String { pick("真标签：标签 \(label) 签名验证通过", "Genuine label \(label): signature verified") }
    func revoked(_ label: String) -> String {
        pick("标签 \(label) 已作废（已撤销），以下信息仅供参考", "Label \(label) was revoked: the facts below are for reference only")
    }
    var counterfeit: String { pick("伪造标签！签名无法验证，请勿相信此标签", "COUNTERFEIT label: the signature does not verify") }
    func unverified(_ number: String) -> String {
        pick("手动输入编号 \(number)，未经标签验证", "Typed number \(number): not verified by a label")
    }
    var malformed: String { pick("无法识别的二维码", "Not a liftcode label") }
    func counterfeitBody(_ number: String) -> String {
        pick("此标签自称是电梯 \(number) 的标签，但不是本平台签发的，或已被篡改。请勿拨打其上的电话或扫码付款。",
             "This label claims to be elevator \(number)'s, but it was not issued by the platform or was altered. Do not call numbers on it.")
    }
    func notRegistered(_ number: String) -> String {
        pick("未找到电梯 \(number) 的登记信息", "No registered elevator \(number)")
    }
    var classified: String { pick("涉密电梯：仅显示编号与维保状态", "Classified elevator: only the number and status are shown") }

    // Card labels.
    var number: String { pick("电梯编号", "Number") }
    var rescueCode: String { pick("96333识别码", "96333 code") }
    var address: String { pick("地址", "Address") }
    var status: String { pick("维保状态", "Maintenance") }
    var lastMaintenance: String { pick("最近维保", "Last service") }
    var worker: String { pick("维保人员", "Worker") }
    var maintenanceUnit: String { pick("维保单位", "Maintained by") }
    var userUnit: String { pick("使用单位", "User unit") }
    var insurance: String { pick("保险", "Insurance") }
    var nextInspection: String { pick("下次检验", "Next inspection") }
    var registration: String { pick("注册代码", "Registration") }
    var manufacturer: String { pick("制造单位", "Manufacturer") }
    func dueBy(_ day: String) -> String { pick("半月保截止 \(day)", "half-monthly due \(day)") }
    func validTo(_ day: String) -> String { pick("有效期至 \(day)", "valid to \(day)") }
    var expired: String { pick("已过期", "expired") }
    var inspectionOverdue: String { pick("已超期", "overdue") }
    var none: String { pick("无", "none") }

    // Keys.
    var cardKeys: String { pick("[C] 投诉   [S] 建议   [A] 报警   [Esc] 返回", "[C] complaint  [S] suggestion  [A] fault alarm  [Esc] back") }
    var counterfeitKeys: String { pick("[C] 举报伪造标签   [Esc] 返回", "[C] report this label  [Esc] back") }
    var backKey: String { pick("[Esc] 返回", "[Esc] back") }
    var problemKeys: String { pick("[1-9] 选择问题   [Esc] 返回", "[1-9] choose   [Esc] back") }
    var textKeys: String { pick("[Enter] 下一步   [Esc] 返回", "[Enter] next   [Esc] back") }
    var phoneKeys: String { pick("[Enter] 提交   [Esc] 返回", "[Enter] send   [Esc] back") }
    var retryKeys: String { pick("[Enter] 重试   [Esc] 返回", "[Enter] try again   [Esc] back") }
    var ticketKeys: String { pick("[Enter] 完成", "[Enter] done") }

    // Complaint steps.
    func complaintTitle(_ category: ComplaintCategory, _ number: String) -> String {
        pick("\(category.name(in: .zh))：电梯 \(number)", "\(category.name(in: .en).capitalized): elevator \(number)")
    }
    var counterfeitReport: String { pick("举报伪造标签，将转交区市场监督管理局", "Report a counterfeit label: it goes to the district regulator") }
    var chooseProblem: String { pick("请选择问题（按数字键）", "Choose the problem (press its number)") }
    var textPrompt: String {
        pick("补充说明（可选，最多 500 字）：可用输入法输入或粘贴，直接按回车跳过",
             "Describe it (optional, up to 500 characters): type or paste, or press Enter to skip")
    }
    var phonePrompt: String { pick("联系电话（可选，11 位手机号），按回车提交：", "Contact phone (optional, mainland mobile), Enter to send:") }
    var problemLabel: String { pick("问题", "Problem") }
    var textLabel: String { pick("说明", "Text") }
    var sending: String { pick("正在提交...", "Sending...") }
    func sendFailed(_ reason: String) -> String { pick("提交失败：\(reason)", "Not sent: \(reason)") }
    func characters(_ count: Int) -> String { pick("\(count)/500 字", "\(count)/500") }

    // Ticket.
    var filed: String { pick("已提交，感谢您的反馈", "Sent. Thank you") }
    var ticket: String { pick("工单号", "Ticket") }
    var ticketStatus: String { pick("状态", "Status") }
    var routedTo: String { pick("转交", "Sent to") }
    var follow: String { pick("查看进度", "Follow it") }
    var keepTicket: String { pick("请记下工单号，凭工单号可查看处理进度。", "Note the ticket: it shows how the complaint is handled.") }
    func elevatorLine(_ number: String) -> String { pick("电梯 \(number)", "Elevator \(number)") }
    var tooSmall: String { pick("窗口太小", "Window too small") }
}
