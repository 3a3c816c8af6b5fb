import Foundation
import LiftCore
import LiftCrypto

/// A batch ready to draw: its labels, the renderer checked for them, its rescue codes and where it
/// goes. ``BatchIssuer`` makes one when it issues or resumes a batch, ``LabelProof`` for a proof.
public struct BatchJob: Sendable {
    public let batch: IssuedBatch
    public let renderer: BatchRenderer
    /// 96333 rescue codes by number.
    public let rescueCodes: [NNumber: String]
    /// The folder the batch folder goes under.
    public let outputRoot: URL
    /// Computed when the job was made, so drawing does not compute it again.
    private let geometry: SheetGeometry?

    init(batch: IssuedBatch, renderer: BatchRenderer, geometry: SheetGeometry?, rescueCodes: [NNumber: String], outputRoot: URL) {
        self.batch = batch
        self.renderer = renderer
        self.geometry = geometry
        self.rescueCodes = rescueCodes
        self.outputRoot = outputRoot
    }

    /// The signer of the batch's labels.
    public var signer: LabelSigner { renderer.signer }

    /// Draws the batch's missing or broken files (all of them the first time).
    ///
    /// - Parameter progress: called from worker threads, one call at a time, with labels done and total.
    public func draw(progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> BatchOutput {
        try renderer.render(batch, geometry: geometry, rescueCodes: rescueCodes, into: outputRoot, progress: progress)
    }
}
