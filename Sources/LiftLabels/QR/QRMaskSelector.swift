import CQREncode

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chooses a QR symbol's mask pattern with bitwise arithmetic, a dozen times faster than
/// libqrencode's own evaluation, which is most of the cost of encoding a label.
///
/// The symbol is encoded once with mask 0 through libqrencode's `QRcode_encodeMask`; its data
/// modules are unmasked, each of the eight masks is applied with its format information, scored
/// with the penalty rules of ISO/IEC 18004 (N1 runs, N2 blocks, N3 finder-like patterns counting
/// the quiet zone as light, N4 dark proportion), and the symbol is encoded again with the best mask.
/// `QRcode_encodeMask` is exported by Debian's libqrencode but is not in `qrencode.h`, so it is
/// looked up at run time; without it (or for symbols wider than 56 modules) libqrencode chooses.
enum QRMaskSelector {
    typealias EncodeMask = @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<QRcode>?

    /// libqrencode's `QRcode_encodeMask(input, mask)`, when the library exports it.
    static let encodeMask: EncodeMask? = {
        guard let symbol = dlsym(nil, "QRcode_encodeMask") else { return nil }
        return unsafeBitCast(symbol, to: EncodeMask.self)
    }()

    /// Widest symbol the bitwise scorer handles: a row plus 4 light modules each side fits 64 bits.
    static let maximumWidth = 56

    /// The 15-bit format information (error-correction level and mask, BCH-protected and masked).
    static func formatInformation(level: ErrorCorrectionLevel, mask: Int) -> Int {
        let levelBits = switch level {
        case .L: 0b01
        case .M: 0b00
        case .Q: 0b11
        case .H: 0b10
        }
        let data = levelBits << 3 | mask
        var remainder = data << 10
        for bit in stride(from: 14, through: 10, by: -1) where remainder & (1 << bit) != 0 {
            remainder ^= 0x537 << (bit - 10)
        }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The (column, row) of each of the 15 format bits, least significant first, in both copies,
    /// as libqrencode places them.
    static func formatPositions(width: Int) -> [(bit: Int, x: Int, y: Int)] {
        var positions: [(bit: Int, x: Int, y: Int)] = []
        for index in 0..<8 {
            positions.append((index, width - 1 - index, 8))
            positions.append((index, 8, index < 6 ? index : index + 1))
        }
        for index in 0..<7 {
            positions.append((index + 8, 8, width - 7 + index))
            positions.append((index + 8, index == 0 ? 7 : 6 - index, 8))
        }
        return positions
    }

    /// Whether mask `mask` flips the module at column `x`, row `y` (libqrencode's definitions).
    static func flips(mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) & 1 == 0
        case 1: y & 1 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (y / 2 + x / 3) & 1 == 0
        case 5: (x * y) & 1 + (x * y) % 3 == 0
        case 6: ((x * y) & 1 + (x * y) % 3) & 1 == 0
        default: ((x * y) % 3 + (x + y) & 1) & 1 == 0
        }
    }

    /// Mask patterns as 64-bit rows (bit x = column x) for rows 0..<12: every pattern repeats
    /// every 12 rows and every 6 columns, so row y of a mask is `rowPatterns[mask][y % 12]`.
    /// The patterns are symmetric in their period, so the same table gives columns.
    static let rowPatterns: [[UInt64]] = (0..<8).map { mask in
        (0..<12).map { y in
            (0..<64).reduce(UInt64(0)) { row, x in flips(mask: mask, x: x, y: y) ? row | 1 << UInt64(x) : row }
        }
    }

    /// Column patterns: bit y of entry x is whether the mask flips (x, y), for columns 0..<12.
    static let columnPatterns: [[UInt64]] = (0..<8).map { mask in
        (0..<12).map { x in
            (0..<64).reduce(UInt64(0)) { column, y in flips(mask: mask, x: x, y: y) ? column | 1 << UInt64(y) : column }
        }
    }

    /// The best mask for the symbol `code` (encoded with mask 0): the lowest total penalty, the
    /// lowest mask number among equals.
    static func bestMask(ofMaskZeroSymbol code: UnsafePointer<QRcode>, level: ErrorCorrectionLevel) -> Int {
        let candidates = Candidates(maskZeroSymbol: code, level: level)
        var best = (mask: 0, penalty: Int.max)
        for mask in 0..<8 {
            let (rows, columns) = candidates.symbol(mask: mask)
            let penalty = penalty(rows: rows, columns: columns, width: candidates.width, widthMask: candidates.widthMask)
            if penalty < best.penalty { best = (mask, penalty) }
        }
        return best.mask
    }

    /// The unmasked symbol, from which each mask's symbol follows in a few word operations.
    struct Candidates {
        let width: Int
        let widthMask: UInt64
        let level: ErrorCorrectionLevel
        /// Dark modules with the data unmasked, as rows (bit x = column x) and columns (bit y = row y).
        private var darkRows: [UInt64]
        private var darkColumns: [UInt64]
        /// The data and error-correction modules, which masks flip.
        private var dataRows: [UInt64]
        private var dataColumns: [UInt64]
        private let positions: [(bit: Int, x: Int, y: Int)]

        /// Reads a symbol libqrencode made with mask 0 and takes the mask off its data modules.
        init(maskZeroSymbol code: UnsafePointer<QRcode>, level: ErrorCorrectionLevel) {
            let width = Int(code.pointee.width)
            let data = code.pointee.data!
            self.width = width
            self.level = level
            widthMask = lowBits(width)
            darkRows = [UInt64](repeating: 0, count: width)
            darkColumns = [UInt64](repeating: 0, count: width)
            dataRows = [UInt64](repeating: 0, count: width)
            dataColumns = [UInt64](repeating: 0, count: width)
            for y in 0..<width {
                for x in 0..<width {
                    let module = data[y * width + x]
                    if module & 1 != 0 {
                        darkRows[y] |= 1 << UInt64(x)
                        darkColumns[x] |= 1 << UInt64(y)
                    }
                    // Bit 7 marks function patterns, format and version information: never masked.
                    if module & 0x80 == 0 {
                        dataRows[y] |= 1 << UInt64(x)
                        dataColumns[x] |= 1 << UInt64(y)
                    }
                }
            }
            for index in 0..<width {
                darkRows[index] ^= dataRows[index] & rowPatterns[0][index % 12] & widthMask
                darkColumns[index] ^= dataColumns[index] & columnPatterns[0][index % 12] & widthMask
            }
            positions = formatPositions(width: width)
        }

        /// The symbol masked with `mask`, its format information written, as rows and as columns.
        func symbol(mask: Int) -> (rows: [UInt64], columns: [UInt64]) {
            var rows = [UInt64](repeating: 0, count: width)
            var columns = [UInt64](repeating: 0, count: width)
            for index in 0..<width {
                rows[index] = darkRows[index] ^ (dataRows[index] & rowPatterns[mask][index % 12] & widthMask)
                columns[index] = darkColumns[index] ^ (dataColumns[index] & columnPatterns[mask][index % 12] & widthMask)
            }
            let format = formatInformation(level: level, mask: mask)
            for position in positions {
                let rowBit: UInt64 = 1 << UInt64(position.x)
                let columnBit: UInt64 = 1 << UInt64(position.y)
                if format >> position.bit & 1 != 0 {
                    rows[position.y] |= rowBit
                    columns[position.x] |= columnBit
                } else {
                    rows[position.y] &= ~rowBit
                    columns[position.x] &= ~columnBit
                }
            }
            return (rows, columns)
        }
    }

    /// The ISO/IEC 18004 penalty of a masked symbol given as rows and columns of bits.
    static func penalty(rows: [UInt64], columns: [UInt64], width: Int, widthMask: UInt64) -> Int {
        var total = 0
        var dark = 0
        for line in rows {
            total += runPenalty(line, widthMask: widthMask) + finderPenalty(line, width: width)
            dark += line.nonzeroBitCount
        }
        for line in columns {
            total += runPenalty(line, widthMask: widthMask) + finderPenalty(line, width: width)
        }
        // N2: every 2 × 2 block of one colour.
        for y in 0..<(width - 1) {
            let upper = rows[y]
            let lower = rows[y + 1]
            let darkBlocks = upper & lower & (upper >> 1) & (lower >> 1)
            let lightUpper = ~upper & widthMask
            let lightLower = ~lower & widthMask
            let lightBlocks = lightUpper & lightLower & (lightUpper >> 1) & (lightLower >> 1)
            total += 3 * (darkBlocks.nonzeroBitCount + lightBlocks.nonzeroBitCount)
        }
        // N4: 10 points for every full 5 % the dark share is away from 50 %.
        let percent = dark * 100 / (width * width)
        total += 10 * (abs(percent - 50) / 5)
        return total
    }

    /// N1 of one row or column: a run of k ≥ 5 modules of one colour costs k − 2.
    static func runPenalty(_ line: UInt64, widthMask: UInt64) -> Int {
        var penalty = 0
        for bits in [line, ~line & widthMask] {
            // A bit is set where five modules of the colour start; a run of k gives k − 4 such bits.
            let fives = bits & (bits >> 1) & (bits >> 2) & (bits >> 3) & (bits >> 4)
            let runs = (fives & ~(fives << 1)).nonzeroBitCount
            penalty += fives.nonzeroBitCount + 2 * runs
        }
        return penalty
    }

    /// N3 of one row or column: 40 for each dark-light-dark-dark-dark-light-dark pattern with four
    /// light modules before or after it, the quiet zone counting as light.
    static func finderPenalty(_ line: UInt64, width: Int) -> Int {
        // Four light modules of quiet zone on each side: module x is bit x + 4.
        let padded = line << 4
        let paddedWidth = width + 8
        let dark = padded
        let light = ~padded & lowBits(paddedWidth)
        // Patterns read from bit s upwards (s = the pattern's first module).
        let lightFirst: [Bool] = [false, false, false, false, true, false, true, true, true, false, true]
        let lightLast: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]
        var count = 0
        for pattern in [lightFirst, lightLast] {
            var starts = lowBits(paddedWidth - 10)
            for (offset, isDark) in pattern.enumerated() {
                starts &= (isDark ? dark : light) >> UInt64(offset)
            }
            count += starts.nonzeroBitCount
        }
        return 40 * count
    }

    /// A word with its `count` lowest bits set (count 0...64).
    static func lowBits(_ count: Int) -> UInt64 {
        count >= 64 ? ~0 : (1 << UInt64(count)) - 1
    }
}
