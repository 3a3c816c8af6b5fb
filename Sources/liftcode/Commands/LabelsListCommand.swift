import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// `liftcode labels list`: the ledger's batches, newest first.
struct LabelsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List issued batches, newest first.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let batches = try await global.openStores().batches()
        guard !batches.isEmpty else {
            print("no batches yet: issue one with liftcode labels issue")
            return
        }
        TextTable.print(
            header: ["batch", "district", "labels", "numbers", "key", "layout", "created (Shanghai)", "base URL"],
            rows: batches.map { batch in
                [
                    batch.id, "\(batch.district.digit) \(batch.district.name)", String(batch.count),
                    Set([batch.firstNumber, batch.lastNumber].compactMap { $0 }).sorted { $0.value < $1.value }
                        .map(\.description).joined(separator: "–"),
                    batch.keyID, batch.layout, ShanghaiTime.format(batch.createdAt), batch.baseURL,
                ]
            })
    }
}
