import CQREncode
import LiftCore
import Testing

@testable import LiftLabels

@Suite struct QRCodeTests {
    let code = "HTTPS://LC.EXAMPLE.CN/E/N006109-1-K1-D4XYOFY3R372E7LVYYRSAFNZ5MXMBP6ZORQHLOSOL7O2NWGAJEO4YNEJXNDRKJRUCV5CAY2J35GZOLA4TKT5I3Z2577JDIHJ7NY32AA"

    @Test func aLabelCodeUsesAlphanumericModeAndAVersion6SymbolAtLevelM() throws {
        #expect(QRCode.isAlphanumeric(Array(code.utf8)))
        let symbol = try QRCode(text: code, level: .M)
        // 140 alphanumeric characters fit version 6-M (154); in byte mode they would need version 8.
        #expect(symbol.version == 6)
        #expect(symbol.size == 41)
        #expect(symbol.modules.count == 41 * 41)
        #expect(try QRCode(text: code, level: .Q).version == 8)
    }

    @Test func aMinimumVersionIsHonoured() throws {
        let symbol = try QRCode(text: code, level: .M, minimumVersion: 7)
        #expect(symbol.version == 7)
        #expect(symbol.size == QRCode.size(ofVersion: 7))
    }

    @Test func finderPatternsAreInTheCorners() throws {
        let symbol = try QRCode(text: code, level: .M)
        let last = symbol.size - 1
        for (x, y) in [(0, 0), (6, 0), (0, 6), (last, 0), (0, last), (3, 3), (last - 3, 3)] {
            #expect(symbol.isDark(x: x, y: y))
        }
        #expect(!symbol.isDark(x: 7, y: 7))
    }

    @Test func lowerCaseFallsBackToByteMode() throws {
        #expect(!QRCode.isAlphanumeric(Array("https://x".utf8)))
        #expect(throws: QRCodeError.empty) { try QRCode(text: "", level: .M) }
    }
}

@Suite struct QRMaskSelectorTests {
    /// Random label-like texts of every length class we print.
    func sampleTexts() -> [String] {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        return (0..<12).map { index in
            let signature = String((0..<103).map { _ in alphabet.randomElement(using: &generator)! })
            return "HTTPS://LC.EXAMPLE.CN/E/N\(100_000 + index * 7919)-\(index + 1)-K1-" + signature
        }
    }

    @Test func theFastPathIsAvailableHere() {
        #expect(QRMaskSelector.encodeMask != nil, "Debian's libqrencode exports QRcode_encodeMask")
    }

    @Test func formatInformationMatchesTheStandardTable() {
        // ISO/IEC 18004 table C.1: level M with mask 0 is 101010000010010, level L mask 0 111011111000100.
        #expect(QRMaskSelector.formatInformation(level: .M, mask: 0) == 0b101010000010010)
        #expect(QRMaskSelector.formatInformation(level: .L, mask: 0) == 0b111011111000100)
        #expect(QRMaskSelector.formatInformation(level: .H, mask: 7) == 0b000100000111011)
    }

    /// The predicted symbol for every mask is exactly what libqrencode makes with that mask, so the
    /// penalties are computed on the real symbols.
    @Test(arguments: ErrorCorrectionLevel.allCases) func everyPredictedMaskMatchesLibqrencode(level: ErrorCorrectionLevel) throws {
        let encodeMask = try #require(QRMaskSelector.encodeMask)
        for text in sampleTexts() {
            let bytes = Array(text.utf8)
            func encode(_ mask: Int32) throws -> UnsafeMutablePointer<QRcode> {
                let input = try #require(QRinput_new2(0, level.qrencodeLevel))
                defer { QRinput_free(input) }
                #expect(QRinput_append(input, QR_MODE_AN, Int32(bytes.count), bytes) == 0)
                return try #require(encodeMask(input, mask))
            }
            let first = try encode(0)
            defer { QRcode_free(first) }
            let width = Int(first.pointee.width)
            guard width <= QRMaskSelector.maximumWidth else { continue }
            let candidates = QRMaskSelector.Candidates(maskZeroSymbol: first, level: level)
            for mask in 0..<8 {
                let actual = try encode(Int32(mask))
                defer { QRcode_free(actual) }
                let (rows, columns) = candidates.symbol(mask: mask)
                for y in 0..<width {
                    for x in 0..<width {
                        let dark = actual.pointee.data[y * width + x] & 1 != 0
                        #expect((rows[y] >> UInt64(x)) & 1 == (dark ? 1 : 0), "level \(level) mask \(mask) module \(x),\(y)")
                        #expect((columns[x] >> UInt64(y)) & 1 == (dark ? 1 : 0))
                    }
                }
            }
        }
    }

    @Test func penaltiesFollowTheStandard() {
        // A 5 × 5 all-dark symbol: N1 = 5 rows × 3 + 5 columns × 3, N2 = 16 blocks × 3, N4 = 100 % dark → 10 × 10.
        let full = [UInt64](repeating: 0b11111, count: 5)
        #expect(QRMaskSelector.penalty(rows: full, columns: full, width: 5, widthMask: 0b11111) == 30 + 48 + 100)
        // A finder-like 1011101 run in a row of 11 with light quiet zone on both sides counts twice.
        #expect(QRMaskSelector.finderPenalty(0b1011101, width: 11) == 80)
        #expect(QRMaskSelector.finderPenalty(0b1011101 << 4, width: 11) == 80)
        #expect(QRMaskSelector.finderPenalty(0b1011101 << 2, width: 11) == 80)
        #expect(QRMaskSelector.finderPenalty(0b1111101 << 2, width: 11) == 0)
        // Runs: 7 dark = 5 points, 4 light = 0.
        #expect(QRMaskSelector.runPenalty(0b1111111, widthMask: 0b111_1111_1111) == 5)
    }
}
