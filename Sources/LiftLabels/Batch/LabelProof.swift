import Foundation
import LiftCore
import LiftCrypto

/// A proof: one sheet (or one roll label) of specimen labels, drawn like a real batch but signed with
/// a throw-away key under ``LiftCrypto/LabelSigner/proofKeyID``, for checking a layout's alignment on
/// the real stock before printing a batch. Nothing of it reaches the ledger.
public enum LabelProof {
    /// The specimen rescue code every other proof label shows, so both text variants can be checked.
    public static let specimenRescueCode = "123456"

    /// "PROOF-a4": the proof's folder under the output root, and its batch id in batch.json.
    public static func batchID(layoutName: String) -> String {
        "PROOF-" + layoutName
    }

    /// A proof of `drawing` ready to draw under `outputRoot/PROOF-<layout>/`: specimens of `district`
    /// signed with a throw-away key, checked to fit the layout.
    ///
    /// - Throws: ``KeyError`` when no key can be made, ``BatchIssueError/doesNotFit(baseURL:reason:)``.
    public static func job(drawing: BatchDrawing, district: District, baseURL: String, outputRoot: URL, created: Date = Date()) throws
        -> BatchJob
    {
        let renderer = drawing.renderer(signer: try LabelSigner.proof())
        let geometry = try BatchIssuer.checkedGeometry(of: renderer, baseURL: baseURL)
        let proof = batch(
            layout: drawing.layout, layoutName: drawing.layoutName, district: district, baseURL: baseURL, keyID: renderer.signer.keyID,
            skip: drawing.skip, created: created)
        return BatchJob(batch: proof.batch, renderer: renderer, geometry: geometry, rescueCodes: proof.rescueCodes, outputRoot: outputRoot)
    }

    /// A sheet of specimen labels (its positions after the first `skip`): the first numbers of
    /// `district`, serial 1, every other one with the specimen rescue code.
    static func batch(
        layout: SheetLayout, layoutName: String, district: District, baseURL: String, keyID: String, skip: Int = 0, created: Date
    ) -> (batch: IssuedBatch, rescueCodes: [NNumber: String]) {
        let id = batchID(layoutName: layoutName)
        let numbers = district.numberRange.prefix(max(0, layout.labelsPerSheet - skip)).compactMap(NNumber.init(value:))
        let labels = numbers.map { LedgerLabel(id: LabelID(number: $0, serial: 1), keyID: keyID, batchID: id) }
        let summary = BatchSummary(
            id: id, district: district, keyID: keyID, baseURL: baseURL, layout: layoutName, count: labels.count,
            firstNumber: numbers.first, lastNumber: numbers.last, createdAt: created)
        var rescueCodes: [NNumber: String] = [:]
        for number in numbers.enumerated() where number.offset % 2 == 1 { rescueCodes[number.element] = specimenRescueCode }
        return (IssuedBatch(summary: summary, labels: labels), rescueCodes)
    }
}
