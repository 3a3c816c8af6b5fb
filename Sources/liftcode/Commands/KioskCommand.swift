import ArgumentParser
import Foundation
import LiftCore
import LiftCrypto
import LiftKiosk
import LiftStore

/// `liftcode kiosk`: the lobby kiosk on this terminal. A USB barcode scanner types a label's code
/// and Enter; the kiosk shows the elevator's card and takes complaints, against the local database
/// or a remote `liftcode serve`.
struct KioskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Run the lobby kiosk on this terminal: scan a label, see the elevator, file a complaint.",
        discussion: """
            Uses the local database and Keys/ unless --server (or "server" in the config) names a liftcode server. \
            Ctrl-C does not exit unless --allow-exit; the config's admin sequence always does. \
            Kiosk/README.md tells how to set up a lobby kiosk.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("A liftcode server to ask instead of the local database.", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp("The kiosk settings (default Kiosk/kiosk.json when it exists).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Language: zh or en.", valueName: "zh|en"))
    var lang: String?

    @Option(help: ArgumentHelp("Seconds without a key before the waiting screen returns.", valueName: "seconds"))
    var idleTimeout: Double?

    @Flag(help: "Let Ctrl-C exit (for trying the kiosk out; never on a lobby kiosk).")
    var allowExit = false

    static let defaultConfig = "Kiosk/kiosk.json"

    func validate() throws {
        if let lang, Language(rawValue: lang.lowercased()) == nil { throw ValidationError("--lang must be zh or en") }
        if let idleTimeout, !(5...86_400).contains(idleTimeout) { throw ValidationError("--idle-timeout must be 5 to 86400 seconds") }
    }

    func run() async throws {
        let terminal = TerminalDevice.standard
        guard terminal.isTerminal else {
            FileHandle.standardError.write(Data(
                "liftcode kiosk: standard input and output must be a terminal (run it on a console, over ssh -t, or under tmux)\n".utf8))
            throw ExitCode(1)
        }
        let settings = try loadSettings()
        let backend: any KioskBackend
        if let server = settings.server {
            do {
                backend = try RemoteKioskBackend(server: server, language: settings.language)
            } catch {
                throw CommandFailure(error.description)
            }
        } else {
            // A kiosk only reads: a missing database or key folder is a setup mistake, not a fresh start.
            guard FileManager.default.fileExists(atPath: global.database) else {
                throw CommandFailure("no database at \(global.database): local mode reads an existing liftcode database (or give --server URL)")
            }
            let database = try global.openDatabase()
            let keyRing = try global.keyRing(database: database)
            guard !keyRing.keyIDs.isEmpty else {
                throw CommandFailure("no public keys in \(global.keys): every label would be counterfeit; copy the deployment's *.pub.pem there")
            }
            backend = LocalKioskBackend(
                lookup: ElevatorLookup(registry: database, verifier: LabelVerifier(signatures: keyRing)), complaints: database,
                language: settings.language)
        }
        let session = KioskSession(settings: settings, backend: backend)
        let reason: KioskTerminalRunner.ExitReason
        do {
            reason = try await KioskTerminalRunner(session: session, terminal: terminal).run()
        } catch {
            throw CommandFailure(error.description)
        }
        // Exit status 0 for a deliberate stop; 1 when the terminal went away, so a supervisor restarts it.
        switch reason {
        case .requested:
            FileHandle.standardError.write(Data("liftcode kiosk: stopped by the admin sequence\(allowExit ? " or Ctrl-C" : "")\n".utf8))
        case .signal(let number):
            FileHandle.standardError.write(Data("liftcode kiosk: stopped by signal \(number)\n".utf8))
        case .inputClosed:
            FileHandle.standardError.write(Data("liftcode kiosk: the terminal's input ended\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The config file's settings with the command's options over them.
    func loadSettings() throws -> KioskSettings {
        var settings = KioskSettings()
        if let config, !FileManager.default.fileExists(atPath: config) { throw CommandFailure("no kiosk settings at \(config)") }
        do {
            let path = config ?? (FileManager.default.fileExists(atPath: Self.defaultConfig) ? Self.defaultConfig : nil)
            if let path { settings = try KioskSettings.load(contentsOf: URL(fileURLWithPath: path)) }
        } catch {
            throw CommandFailure(error.description)
        }
        if let server { settings.server = server }
        if let lang { settings.language = Language(rawValue: lang.lowercased()) ?? settings.language }
        if let idleTimeout { settings.idleTimeout = idleTimeout }
        settings.allowExit = allowExit
        return settings
    }
}
