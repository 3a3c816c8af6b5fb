import ArgumentParser
import Foundation
import LiftCore
import LiftLabels
import LiftStore

/// `liftcode labels issue`: records a district batch in the ledger, then draws its sheets.
struct LabelsIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a district batch of signed labels and draw it as PNG or PDF sheets or ZPL labels.",
        discussion: """
            The ledger records every label in one transaction before any image is drawn, so a number is \
            never issued twice; if drawing stops part-way, `liftcode labels resume BATCH` finishes it.

            Examples:
              liftcode labels issue --district 崇川区 --count 48 --base-url https://lc.example.cn
              liftcode labels issue --district 0 --registered
              liftcode labels issue --district 0 --numbers N006109,N006110 --replace
              liftcode labels issue --district 0 --count 20 --format pdf --skip 5
              liftcode labels issue --district 0 --count 20 --layout Labels/layouts/roll-60x40.json --format zpl
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The district, by name (崇川区) or digit (0).")
    var district: String

    @Option(help: "Fresh numbers: the next N unused numbers of the district, for elevators not yet registered.")
    var count: Int?

    @Flag(help: "Every registered elevator of the district that has no active label.")
    var registered = false

    @Option(help: ArgumentHelp("These elevators, comma-separated (N006109,N006110).", valueName: "numbers"))
    var numbers: String?

    @Flag(help: "With --numbers: re-issue elevators that have an active label (the old label is revoked as replaced).")
    var replace = false

    @OptionGroup var printing: LabelPrintingOptions

    @OptionGroup var output: LabelOutputOptions

    @Option(help: ArgumentHelp("The signing key id (default: the one active key this machine can sign with).", valueName: "id"))
    var key: String?

    func validate() throws {
        let chosen = [count != nil, registered, numbers != nil].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose exactly one of --count N, --registered or --numbers LIST") }
        if let count, !(1...99_999).contains(count) { throw ValidationError("--count must be 1 to 99999 (a district has 99,999 numbers)") }
        if replace, numbers == nil { throw ValidationError("--replace goes with --numbers") }
        if let numbers { _ = try parsedNumbers(numbers) }
        if let key, !LabelCode.isValidKeyID(key) {
            throw ValidationError("bad key id \"\(key)\": expected 1 to 4 characters of A-Z and 0-9, as K1")
        }
    }

    func parsedNumbers(_ list: String) throws -> [NNumber] {
        let items = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw ValidationError("--numbers is empty") }
        return try items.map { item in
            do {
                return try NNumber(parsing: item)
            } catch {
                throw ValidationError("--numbers: \(item) is not an elevator number: \(error)")
            }
        }
    }

    func run() async throws {
        let database = try await global.openStores()
        let directory = try global.districtDirectory()
        guard let district = directory.district(named: district) else {
            throw UsageFailure(
                "unknown district \(self.district); known: "
                    + directory.districts.map { "\($0.digit) \($0.name)" }.joined(separator: ", "))
        }
        let selection: BatchSelection
        if let count {
            selection = .fresh(count: count)
        } else if let numbers {
            selection = .numbers(try parsedNumbers(numbers), replace: replace)
        } else {
            selection = .registered
        }
        let ring = try await global.keyRing(stores: database)
        let keyID = try key ?? LabelPrinter.defaultSigningKey(in: ring, keys: global.keys)
        let order = BatchOrder(
            district: district, selection: selection, keyID: keyID, baseURL: try printing.labelBaseURL(),
            drawing: try printing.drawing(output), outputRoot: printing.outputRoot)
        let job = try await LabelPrinter.reporting { try await LabelPrinter.issuer(database: database, keys: ring).issue(order) }
        print("batch \(job.batch.summary.id): \(counted(job.batch.labels.count, "label")) of \(district.name) recorded in the ledger")
        try LabelPrinter.draw(job)
    }
}
