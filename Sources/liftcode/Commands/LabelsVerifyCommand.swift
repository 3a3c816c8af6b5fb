import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftStore

/// `liftcode labels verify CODE...`: each code's outcome and reason, as the public page decides it.
struct LabelsVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify label codes: genuine, revoked, counterfeit, malformed or unverified (a typed number), with the reason.",
        discussion: """
            Exits 0 when every code is genuine, 1 otherwise. Reads codes from standard input, one a \
            line, when none are given.

            Example:
              liftcode labels verify 'HTTPS://LC.EXAMPLE.CN/E/N006109-1-K1-76JMC3NG…'
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Codes as scanned (or typed elevator numbers).")
    var codes: [String] = []

    func run() async throws {
        let database = try await global.openStores()
        let verifier = LabelVerifier(signatures: try await global.keyRing(stores: database))
        var texts = codes
        if texts.isEmpty {
            while texts.count < 100_000, let line = readLine() {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { texts.append(line) }
            }
        }
        guard !texts.isEmpty else { throw ValidationError("give at least one code") }
        var allGenuine = true
        for text in texts {
            let verification = try await verifier.verify(text, ledger: database)
            allGenuine = allGenuine && verification.outcome == .genuine
            let subject = verification.code.map { $0.labelID.description } ?? verification.number?.description ?? Self.shortened(text)
            print("\(verification.outcome.rawValue)\t\(subject)\t\(verification.reason)")
        }
        if !allGenuine { throw ExitCode(1) }
    }

    /// A malformed input as printed: one line, at most 60 characters.
    static func shortened(_ text: String) -> String {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars
            .map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined()
        return line.count > 60 ? String(line.prefix(57)) + "…" : (line.isEmpty ? "(empty)" : line)
    }
}
