import ArgumentParser
import Foundation
import LiftCore

/// `liftcode keys retire K1`: the key signs no more labels but its labels stay genuine.
struct KeysRetireCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Retire a key: it signs no new labels, and the labels it signed stay genuine."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The key id, as K1.")
    var id: String

    func run() async throws {
        try await KeyStatusChange(global: global, id: id, to: .retired).apply()
        print("key \(id) retired: its labels still verify; sign new ones with another key (liftcode keys new)")
    }
}
