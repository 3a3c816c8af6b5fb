/// Where each label of a batch goes: which sheet and position, and which file holds which sheets.
///
/// Labels fill positions row by row; `skip` leaves the first positions of the first sheet blank (a
/// sheet that already lost some labels). A file holds `sheetsPerFile` sheets: one for PNG, a group
/// of pages for PDF, a group of labels for ZPL (whose "sheet" is one roll label).
struct BatchPlan: Sendable, Equatable {
    let labelCount: Int
    let perSheet: Int
    let skip: Int
    let sheetsPerFile: Int

    init(labelCount: Int, perSheet: Int, skip: Int, sheetsPerFile: Int) {
        precondition(perSheet > 0 && (0..<perSheet).contains(skip) && sheetsPerFile > 0, "a valid plan")
        self.labelCount = labelCount
        self.perSheet = perSheet
        self.skip = skip
        self.sheetsPerFile = sheetsPerFile
    }

    /// The plan of `labelCount` labels drawn in `format` on `layout`: a PNG a sheet, a PDF or ZPL
    /// file of the layout's `sheetsPerFile` sheets (all in one file when it gives none).
    init(labelCount: Int, layout: SheetLayout, format: LabelFormat, skip: Int) {
        let sheetCount = BatchPlan(labelCount: labelCount, perSheet: layout.labelsPerSheet, skip: skip, sheetsPerFile: 1).sheetCount
        self.init(
            labelCount: labelCount, perSheet: layout.labelsPerSheet, skip: skip,
            sheetsPerFile: format == .png ? 1 : max(1, min(layout.sheetsPerFile ?? sheetCount, sheetCount)))
    }

    /// Sheets the batch fills; none for an empty batch.
    var sheetCount: Int { labelCount == 0 ? 0 : (labelCount + skip + perSheet - 1) / perSheet }

    /// Files the batch is written to.
    var fileCount: Int { (sheetCount + sheetsPerFile - 1) / sheetsPerFile }

    /// The indexes of the labels on sheet `sheet`.
    func labels(ofSheet sheet: Int) -> Range<Int> {
        max(0, sheet * perSheet - skip)..<min(labelCount, (sheet + 1) * perSheet - skip)
    }

    /// The position (0 = top left) of the first label on sheet `sheet`.
    func firstPosition(ofSheet sheet: Int) -> Int { sheet == 0 ? skip : 0 }

    /// The sheets file `file` holds.
    func sheets(ofFile file: Int) -> Range<Int> {
        (file * sheetsPerFile)..<min(sheetCount, (file + 1) * sheetsPerFile)
    }
}
