import Foundation

/// The lookups a complaint makes: the same verdicts as a page's (`lookup(_:today:)`), with one
/// light read of the number's standing instead of all its facts.
extension ElevatorLookup {
    /// What a complaint about a scan's text (a code or a typed number) is about.
    public func complaintSubject(_ text: String) async throws -> ComplaintSubject {
        try await complaintSubject(ScanReading(text: text))
    }

    /// What a complaint about a code given as a page's path ("N006109-1-K1-…") is about.
    public func complaintSubject(path: some StringProtocol, baseURL: String) async throws -> ComplaintSubject {
        try await complaintSubject(ScanReading(path: path, baseURL: baseURL))
    }

    /// What a complaint about a typed number ("006109", "N006109") is about.
    public func complaintSubject(typed text: String) async throws -> ComplaintSubject {
        try await complaintSubject(ScanReading(typed: text))
    }

    /// What a complaint about what a text read as is about; a malformed one is about nothing.
    func complaintSubject(_ reading: ScanReading) async throws -> ComplaintSubject {
        switch reading {
        case .input(let input): try await complaintSubject(input)
        case .malformed(let answer): ComplaintSubject(scan: answer, isRegistered: false)
        }
    }

    /// What a complaint about a code or a typed number is about.
    public func complaintSubject(_ input: ScanInput) async throws -> ComplaintSubject {
        switch input {
        case .code(let code): try await complaintSubject(code)
        case .number(let number): try await complaintSubject(number)
        }
    }

    /// A code: the signature first, then the ledger's revocations and the registration in one
    /// read. A counterfeit's number is read too, unlike a page's: a complaint about a forged code of
    /// an unregistered number is refused before any rate limit keeps a window for it.
    public func complaintSubject(_ code: LabelCode) async throws -> ComplaintSubject {
        let standing = try await registry.standing(of: code.number)
        if let counterfeit = counterfeitVerdict(code) {
            return ComplaintSubject(scan: ScanResult(counterfeit, label: code.labelID), isRegistered: standing.isRegistered)
        }
        let verification = LabelVerifier.signed(code, revoked: standing.revokedSerials.contains(code.serial))
        return ComplaintSubject(scan: ScanResult(verification, label: code.labelID), isRegistered: standing.isRegistered)
    }

    /// A typed number: unverified, nothing vouches for it.
    public func complaintSubject(_ number: NNumber) async throws -> ComplaintSubject {
        let standing = try await registry.standing(of: number)
        return ComplaintSubject(scan: Self.typedResult(number), isRegistered: standing.isRegistered)
    }
}
