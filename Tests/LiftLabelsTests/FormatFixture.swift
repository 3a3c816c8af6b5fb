import Foundation
import LiftCore
import LiftCrypto
import Testing

@testable import LiftLabels

/// A key ring with a fresh K1 in a temporary directory, and renderers signing with it in any format.
struct FormatFixture {
    let directory: TemporaryDirectory
    let ring: KeyRing
    let font: FontFile
    let output: URL

    init() throws {
        directory = try TemporaryDirectory()
        let keys = directory.url.appendingPathComponent("Keys")
        try KeyRing.generate(id: "K1", in: keys)
        ring = try KeyRing(directory: keys)
        font = try FontLocator.system.locate()
        output = directory.url.appendingPathComponent("out")
    }

    /// A renderer for shipped layout `name`, changed by `edit`.
    func renderer(
        layout name: String, format: LabelFormat, skip: Int = 0, edit: (inout SheetLayout) -> Void = { _ in }
    ) throws -> BatchRenderer {
        var layout = try shippedLayout(name)
        edit(&layout)
        return BatchRenderer(layout: layout, layoutName: name, font: font, signer: try ring.signer(for: "K1"), format: format, skip: skip)
    }

    /// A folder of its own under the fixture's directory.
    func folder(_ name: String) -> URL { directory.url.appendingPathComponent(name) }

    /// The manifest's rows split into fields.
    static func manifestRows(_ output: BatchOutput) throws -> [[String]] {
        try String(contentsOf: output.manifest, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
    }
}
