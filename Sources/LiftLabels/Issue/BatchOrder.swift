import Foundation
import LiftCore

/// A batch to issue: which labels, signed with which key, pointing where, drawn how, and written
/// under which folder.
///
///     let order = BatchOrder(
///         district: district, selection: .fresh(count: 48), keyID: "K1", baseURL: "HTTPS://LC.EXAMPLE.CN",
///         drawing: BatchDrawing(layout: layout, layoutName: "a4", font: font), outputRoot: URL(fileURLWithPath: "Labels/out"))
public struct BatchOrder: Sendable {
    public var district: District
    /// Fresh numbers, the registered elevators without a label, or a list of numbers.
    public var selection: BatchSelection
    /// The signing key's id.
    public var keyID: String
    /// The label base URL, normalised (upper case, no trailing slash).
    public var baseURL: String
    public var drawing: BatchDrawing
    /// The folder the batch folder goes under.
    public var outputRoot: URL
    /// When the batch is issued.
    public var createdAt: Date

    public init(
        district: District, selection: BatchSelection, keyID: String, baseURL: String, drawing: BatchDrawing, outputRoot: URL,
        createdAt: Date = Date()
    ) {
        self.district = district
        self.selection = selection
        self.keyID = keyID
        self.baseURL = baseURL
        self.drawing = drawing
        self.outputRoot = outputRoot
        self.createdAt = createdAt
    }
}
