/// What a scanned text, a page's path or a typed number reads as: a code or a number to look up,
/// or the malformed answer saying why it is neither. Both the page's lookup and a complaint's
/// read their input through it, so they refuse the same texts with the same reasons.
enum ScanReading {
    case input(ScanInput)
    case malformed(ScanResult)

    /// A whole code as scanned, or a typed number.
    init(text: String) {
        do {
            self = .input(try ScanInput(parsing: text))
        } catch {
            self = .malformed(ScanResult(outcome: .malformed, reason: error.description, reasonZH: error.chineseDescription))
        }
    }

    /// A code given as the path a page or form carries ("N006109-1-K1-…", what follows "/E/"), as
    /// printed under `baseURL`.
    init(path: some StringProtocol, baseURL: String) {
        do {
            self = .input(.code(try LabelCode(path: path, baseURL: baseURL)))
        } catch {
            self = .malformed(ScanResult(outcome: .malformed, reason: error.description, reasonZH: error.chineseDescription))
        }
    }

    /// A typed number ("006109", "N006109").
    init(typed text: String) {
        do {
            self = .input(.number(try NNumber(parsing: text)))
        } catch {
            self = .malformed(ScanResult(outcome: .malformed, reason: error.description, reasonZH: error.chineseDescription))
        }
    }
}
