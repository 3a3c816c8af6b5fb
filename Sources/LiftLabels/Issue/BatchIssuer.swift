import Foundation
import LiftCore
import LiftCrypto

/// Issues and resumes label batches: checks that the codes fit the layout, records the batch in the
/// ledger before anything is drawn (so a number is never issued twice), and hands back a
/// ``BatchJob`` that draws it. What `labels issue`, `labels resume` and `demo` share.
///
///     let issuer = BatchIssuer(ledger: database, keys: ring)
///     let job = try await issuer.issue(order)    // in the ledger now
///     let output = try job.draw { done, total in bar.update(done, total) }
public struct BatchIssuer: Sendable {
    /// The ledger that records batches and knows the elevators' 96333 rescue codes.
    let ledger: any LabelLedger
    let keys: KeyRing

    public init(ledger: any LabelLedger, keys: KeyRing) {
        self.ledger = ledger
        self.keys = keys
    }

    /// Records the batch `order` describes in the ledger, after checking that its key can sign and
    /// its codes fit the layout; nothing is recorded when a check fails.
    ///
    /// - Throws: the key ring's ``KeyError``, ``BatchIssueError/doesNotFit(baseURL:reason:)``, the
    ///   ledger's errors (a district out of numbers, an elevator with an active label…).
    public func issue(_ order: BatchOrder) async throws -> BatchJob {
        let renderer = order.drawing.renderer(signer: try keys.signer(for: order.keyID))
        let geometry = try Self.checkedGeometry(of: renderer, baseURL: order.baseURL)
        let batch = try await ledger.issue(
            BatchRequest(
                district: order.district, selection: order.selection, keyID: order.keyID, baseURL: order.baseURL,
                layout: order.drawing.layoutName, createdAt: order.createdAt))
        return BatchJob(
            batch: batch, renderer: renderer, geometry: geometry, rescueCodes: try await ledger.rescueCodes(for: batch.labels.map(\.id.number)),
            outputRoot: order.outputRoot)
    }

    /// The ledger's batch `id`, to draw again under `outputRoot` exactly as it was first drawn.
    ///
    /// When its folder holds a `batch.json`, the labels are drawn with the rescue codes it records,
    /// and `drawing` is given that record (whose layout and font it should keep); otherwise with
    /// today's rescue codes and what `drawing` chooses from the ledger's summary alone. The signing
    /// key may be retired (reprinting), not revoked.
    ///
    /// - Throws: ``BatchError/unknownBatch(_:)``, ``BatchIssueError/unreadableRecord(path:reason:)``,
    ///   the key ring's ``KeyError``, and what `drawing` throws.
    public func resume(
        _ id: String, outputRoot: URL, drawing: (_ batch: BatchSummary, _ record: BatchRecord?) throws -> BatchDrawing
    ) async throws -> BatchJob {
        guard let batch = try await ledger.batch(id: id) else { throw BatchError.unknownBatch(id) }
        let signer = try keys.signer(for: batch.summary.keyID, reprinting: true)
        let folder = BatchFolder(root: outputRoot, batchID: batch.summary.id)
        let record: BatchRecord?
        do {
            record = try folder.record()
        } catch {
            throw BatchIssueError.unreadableRecord(path: folder.recordFile.path, reason: "\(error)")
        }
        let renderer = try drawing(batch.summary, record).renderer(signer: signer)
        let codes: [NNumber: String]
        if let record {
            codes = Dictionary(uniqueKeysWithValues: record.rescueCodes.compactMap { key, value in
                (try? NNumber(parsing: key)).map { ($0, value) }
            })
        } else {
            codes = try await ledger.rescueCodes(for: batch.labels.map(\.id.number))
        }
        return BatchJob(batch: batch, renderer: renderer, geometry: nil, rescueCodes: codes, outputRoot: outputRoot)
    }

    /// The renderer's geometry for codes of `baseURL`, or why they do not fit.
    static func checkedGeometry(of renderer: BatchRenderer, baseURL: String) throws -> SheetGeometry {
        do {
            return try renderer.geometry(baseURL: baseURL)
        } catch {
            throw BatchIssueError.doesNotFit(baseURL: baseURL, reason: "\(error)")
        }
    }
}
