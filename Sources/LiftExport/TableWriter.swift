/// Writes tables row by row to a file, so an export of any size stays small in memory.
protocol TableWriter: AnyObject {
    /// Starts a table (a sheet of a workbook) and writes its header row.
    func beginTable(_ name: String, headers: [String], widths: [Double]) throws
    func writeRow(_ cells: [ExportValue]) throws
    /// Ends the current table.
    func endTable() throws
    /// Completes the file.
    func finish() throws
}
