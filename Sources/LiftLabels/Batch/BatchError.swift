/// Why a batch cannot be rendered, worded for the person at the terminal.
public enum BatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The ledger says another key signs this batch.
    case keyMismatch(batch: String, batchKey: String, signerKey: String)
    /// `batch.json` records other settings than those given (resume uses the recorded ones).
    case recordMismatch(path: String)
    /// The font cannot draw an elevator's rescue code.
    case unprintableRescueCode(number: String, code: String, font: String)
    /// The ledger has no such batch.
    case unknownBatch(String)
    /// Resuming a batch whose batch.json is missing needs the layout it was issued with.
    case missingRecord(path: String)
    /// `--skip` asks for more blank positions than a sheet has, or for a format without sheets.
    case badSkip(skip: Int, labelsPerSheet: Int, format: LabelFormat)

    public var description: String {
        switch self {
        case .keyMismatch(let batch, let batchKey, let signerKey):
            "batch \(batch) is signed with key \(batchKey), not \(signerKey)"
        case .recordMismatch(let path):
            "\(path) records other settings (layout, format, skip, font, key or rescue codes) than this run: "
                + "render the batch with `liftcode labels resume`, which uses the recorded ones"
        case .unprintableRescueCode(let number, let code, let font):
            "the 96333 rescue code \"\(code)\" of \(number) has characters font \(font) cannot draw"
        case .unknownBatch(let id):
            "no batch \(id) in the ledger (see `liftcode labels list`)"
        case .missingRecord(let path):
            "\(path) is missing: give the layout the batch was issued with (--layout)"
        case .badSkip(let skip, let perSheet, let format):
            format == .zpl
                ? "--skip leaves positions of a sheet blank; a ZPL roll has no sheet to skip on (--skip \(skip))"
                : "--skip \(skip): a sheet of this layout has \(perSheet) positions, so skip 0 to \(perSheet - 1)"
        }
    }
}
