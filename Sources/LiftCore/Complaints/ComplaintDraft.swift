/// A complaint as a passenger or property manager submits it, before it is checked and routed.
public struct ComplaintDraft: Sendable, Hashable, Codable {
    public var category: ComplaintCategory
    public var problem: ComplaintProblem?
    public var text: String?
    public var phone: String?
    public var role: ReporterRole

    /// The longest text accepted, in characters.
    public static let maximumTextLength = 500

    public init(category: ComplaintCategory, problem: ComplaintProblem? = nil, text: String? = nil, phone: String? = nil, role: ReporterRole = .passenger) {
        self.category = category
        self.problem = problem
        self.text = text
        self.phone = phone
        self.role = role
    }

    /// The draft with blank fields dropped and text trimmed, or the first field that is wrong.
    public func validated() throws(ComplaintValidationError) -> ComplaintDraft {
        var draft = self
        let text = self.text?.trimmed ?? ""
        // A national ID number is never stored: masked before the text goes anywhere.
        draft.text = text.isEmpty ? nil : NationalIDMask.masking(text)
        if text.isEmpty && problem == nil {
            throw ComplaintValidationError(
                field: "text", message: "choose a problem or describe it (1 to 500 characters)", chinese: "请选择问题或填写描述（1 至 500 字）")
        }
        if text.count > Self.maximumTextLength {
            throw ComplaintValidationError(
                field: "text", message: "the text has \(text.count) characters; at most 500 are accepted",
                chinese: "描述有 \(text.count) 个字，最多 500 字")
        }
        if text.containsControlCharacters {
            throw ComplaintValidationError(field: "text", message: "the text contains control characters", chinese: "描述含有控制字符")
        }
        if text.containsBidirectionalControls {
            throw ComplaintValidationError(field: "text", message: "the text contains bidirectional control characters", chinese: "描述含有改变文字方向的控制字符")
        }
        let phone = (self.phone ?? "").filter { $0 != " " && $0 != "-" }
        if phone.isEmpty {
            draft.phone = nil
        } else {
            guard Self.isMainlandMobile(phone) else {
                throw ComplaintValidationError(
                    field: "phone", message: "\"\(self.phone ?? "")\" is not a mainland mobile number (11 digits starting 13-19)",
                    chinese: "“\(self.phone ?? "")”不是有效的手机号码（11 位，以 13-19 开头）")
            }
            draft.phone = phone
        }
        return draft
    }

    /// A mainland mobile number: 1, then 3-9, then nine digits.
    public static func isMainlandMobile(_ text: String) -> Bool {
        let digits = Array(text.utf8)
        guard digits.count == 11, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        return digits[0] == UInt8(ascii: "1") && digits[1] >= UInt8(ascii: "3")
    }
}

/// A complaint field that is wrong, named so the form can point at it.
public struct ComplaintValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    /// What is wrong, in English.
    public let message: String
    /// What is wrong, in Chinese.
    public let chinese: String

    public init(field: String, message: String, chinese: String) {
        self.field = field
        self.message = message
        self.chinese = chinese
    }

    /// What is wrong, in a person's language.
    public func message(in language: Language) -> String { language == .zh ? chinese : message }

    public var description: String { "\(field): \(message)" }
}
