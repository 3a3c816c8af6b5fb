import Foundation
import LiftCore
import LiftCrypto
import LiftLabels

/// Draws an issued batch with a progress bar and says where the sheets are; what `labels issue`,
/// `labels resume` and `demo` share.
struct LabelPrinter {
    let renderer: BatchRenderer
    let outputRoot: URL

    /// Fails, before anything is recorded, when the codes of `baseURL` do not fit the layout.
    func checkGeometry(baseURL: String) throws {
        do {
            _ = try renderer.geometry(baseURL: baseURL)
        } catch {
            throw CommandFailure("labels for \(baseURL) do not fit the layout: \(error)")
        }
    }

    /// Renders the batch's missing sheets and prints a summary.
    @discardableResult
    func render(_ batch: IssuedBatch, rescueCodes: [NNumber: String], quiet: Bool = false) throws -> BatchOutput {
        let progress = quiet ? nil : ProgressBar("drawing \(batch.summary.id)")
        let output: BatchOutput
        do {
            output = try renderer.render(batch, rescueCodes: rescueCodes, into: outputRoot) { done, total in
                progress?.update(done, total)
            }
        } catch {
            throw CommandFailure(
                "drawing batch \(batch.summary.id) failed: \(error). Its labels are in the ledger; "
                    + "finish it with: liftcode labels resume \(batch.summary.id)")
        }
        let labels = counted(output.labelCount, "label")
        let sheets = counted(output.sheetCount, "sheet")
        switch output.format {
        case .png: progress?.finish("\(labels) on \(sheets) (\(output.renderedFiles) drawn now)")
        case .pdf: progress?.finish("\(labels) on \(sheets) in \(Self.count(output.files.count, "PDF")) (\(output.renderedFiles) written now)")
        case .zpl: progress?.finish("\(labels) in \(Self.count(output.files.count, "ZPL file")) (\(output.renderedFiles) written now)")
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
