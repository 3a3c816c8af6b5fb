import ArgumentParser
import LiftLabels

extension LabelFormat: ExpressibleByArgument {}

/// What a batch is drawn as, and where on the first sheet it starts.
struct LabelOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("png, pdf or zpl (default: the layout's format, else png).", valueName: "format"))
    var format: LabelFormat?

    @Option(help: ArgumentHelp("Leave the first N positions of the first sheet blank, for a partly used sheet (png, pdf).", valueName: "n"))
    var skip: Int?

    /// The format and skip for `layout`: --format, else `fallback` (a batch's recorded format), else
    /// the layout's own, else png. A skip that does not fit a sheet is a usage error.
    func resolved(for layout: SheetLayout, fallback: LabelFormat? = nil, recordedSkip: Int? = nil) throws -> (format: LabelFormat, skip: Int) {
        let format = format ?? fallback ?? layout.format ?? .png
        let skip = skip ?? recordedSkip ?? 0
        guard skip != 0 else { return (format, 0) }
        guard format != .zpl else {
            throw ValidationError("--skip leaves positions of a sheet blank; a ZPL roll has no sheet to skip on")
        }
        guard (1..<layout.labelsPerSheet).contains(skip) else {
            throw ValidationError(
                "--skip \(skip): a sheet of this layout has \(layout.labelsPerSheet) positions, so skip 0 to \(layout.labelsPerSheet - 1)")
        }
        return (format, skip)
    }
}
