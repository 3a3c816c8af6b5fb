import Foundation
import LiftCore
import LiftCrypto
import LiftLabels
import LiftStore

/// The terminal side of issuing labels: the ``BatchIssuer`` of a database and key ring, its errors
/// as messages, and drawing a ``BatchJob`` with a progress bar and a summary of where the files
/// are; what `labels issue`, `labels resume`, `labels proof` and `demo` share.
enum LabelPrinter {
    /// The issuer that records batches in `database` and signs with `keys`.
    static func issuer(database: any LabelLedger, keys: KeyRing) -> BatchIssuer {
        BatchIssuer(ledger: database, keys: keys)
    }

    /// Runs `body`, turning the issuer's, the key ring's and the ledger's errors into runtime failures
    /// that print as they read (usage errors stay usage errors).
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as BatchIssueError {
            throw CommandFailure(error.description)
        } catch let error as BatchError {
            throw CommandFailure(error.description)
        } catch let error as KeyError {
            throw CommandFailure(error.description)
        } catch let error as LedgerError {
            throw CommandFailure(error.description)
        }
    }

    /// Draws the job's missing files and prints a summary.
    @discardableResult
    static func draw(_ job: BatchJob, quiet: Bool = false) throws -> BatchOutput {
        let id = job.batch.summary.id
        let progress = quiet ? nil : ProgressBar("drawing \(id)")
        let output: BatchOutput
        do {
            output = try job.draw { done, total in progress?.update(done, total) }
        } catch {
            throw CommandFailure(
                "drawing batch \(id) failed: \(error). Its labels are in the ledger; finish it with: liftcode labels resume \(id)")
        }
        let labels = counted(output.labelCount, "label")
        let sheets = counted(output.sheetCount, "sheet")
        switch output.format {
        case .png: progress?.finish("\(labels) on \(sheets) (\(output.renderedFiles) drawn now)")
        case .pdf: progress?.finish("\(labels) on \(sheets) in \(count(output.files.count, "PDF")) (\(output.renderedFiles) written now)")
        case .zpl: progress?.finish("\(labels) in \(count(output.files.count, "ZPL file")) (\(output.renderedFiles) written now)")
        }
        if !quiet {
            let files = switch output.format {
            case .png: "sheets:   \(output.directory.path)/sheet-*.png"
            case .pdf: "pdf:      \(output.directory.path)/sheets-*.pdf"
            case .zpl: "zpl:      \(output.directory.path)/labels-*.zpl"
            }
            print(files)
            print("manifest: \(output.manifest.path)")
            print("record:   \(output.record.path)")
        }
        return output
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }

    /// The one active key this machine can sign with, or an error saying what to do.
    static func defaultSigningKey(in ring: KeyRing, keys: String) throws -> String {
        let usable = ring.keyIDs.filter { ring.status(of: $0) == .active && ring.hasPrivateKey($0) }
        switch usable.count {
        case 1: return usable[0]
        case 0: throw CommandFailure("no active key with a private key in \(keys): create one with `liftcode keys new`")
        default: throw CommandFailure("several active keys can sign (\(usable.joined(separator: ", "))): choose one with --key")
        }
    }
}
