/// The answer to a scan or a typed number: the verdict first, then the elevator when known.
/// Its label and number are typed values; they become strings only in its JSON.
public struct ScanResult: Sendable, Hashable, Codable {
    public var outcome: VerificationOutcome
    /// Why, in English.
    public var reason: String
    /// Why, in Chinese (absent from servers before 0.2).
    public var reasonZH: String?
    /// The scanned label, "N006109-1" in JSON.
    public var label: LabelID?
    /// The elevator number that was read, even when it is not registered.
    public var number: NNumber?
    public var elevator: PublicElevator?

    public init(
        outcome: VerificationOutcome, reason: String, reasonZH: String? = nil, label: LabelID? = nil, number: NNumber? = nil,
        elevator: PublicElevator? = nil
    ) {
        self.outcome = outcome
        self.reason = reason
        self.reasonZH = reasonZH
        self.label = label
        self.number = number
        self.elevator = elevator
    }

    /// The answer for a verdict and the elevator's public view.
    public init(_ verification: LabelVerification, label: LabelID? = nil, elevator: PublicElevator? = nil) {
        self.init(
            outcome: verification.outcome, reason: verification.reason, reasonZH: verification.chineseReason, label: label,
            number: verification.number, elevator: elevator)
    }

    /// Why, in a person's language.
    public func reason(in language: Language) -> String {
        language == .zh ? reasonZH ?? reason : reason
    }

    /// The verdict it carries, for callers that judge a scan (arrivals at a rescue).
    public var verification: LabelVerification {
        LabelVerification(outcome: outcome, reason: reason, chineseReason: reasonZH ?? reason, number: number)
    }

    enum CodingKeys: String, CodingKey {
        case outcome, reason, reasonZH, label, number, elevator
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try container.decode(VerificationOutcome.self, forKey: .outcome)
        reason = try container.decode(String.self, forKey: .reason)
        reasonZH = try container.decodeIfPresent(String.self, forKey: .reasonZH)
        if let text = try container.decodeIfPresent(String.self, forKey: .label) {
            do {
                label = try LabelID(parsing: text)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .label, in: container, debugDescription: error.description)
            }
        }
        number = try container.decodeIfPresent(NNumber.self, forKey: .number)
        elevator = try container.decodeIfPresent(PublicElevator.self, forKey: .elevator)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(reason, forKey: .reason)
        try container.encodeIfPresent(reasonZH, forKey: .reasonZH)
        try container.encodeIfPresent(label?.description, forKey: .label)
        try container.encodeIfPresent(number, forKey: .number)
        try container.encodeIfPresent(elevator, forKey: .elevator)
    }
}
