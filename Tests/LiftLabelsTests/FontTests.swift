import Foundation
import Testing

@testable import LiftLabels

@Suite struct FontTests {
    @Test func withoutAChineseFontTheErrorNamesTheDebianPackage() throws {
        let nowhere = FontLocator(candidates: ["/nonexistent/font.ttc", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"], usesFontconfig: false)
        #expect(throws: FontError.noChineseFont) { try nowhere.locate() }
        #expect(FontError.noChineseFont.description.contains("apt-get install fonts-wqy-microhei"))
        #expect(FontError.noChineseFont.description.contains("--font"))
    }

    @Test func aGivenFontWithoutChineseIsRefused() throws {
        let dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        try #require(FileManager.default.fileExists(atPath: dejaVu))
        #expect {
            try FontLocator.system.locate(override: dejaVu)
        } throws: { error in
            guard let error = error as? FontError, case .missingCharacters(let font, let characters) = error else { return false }
            return font == dejaVu && characters.contains("电")
        }
    }

    @Test func theSystemFontDrawsChineseAndDigits() throws {
        let font = try FontLocator.system.locate()
        let renderer = try FontRenderer(font: font)
        #expect(renderer.missingCharacters(in: "电梯安全公共服务平台 N006109 · 96333").isEmpty)
        let (image, extent) = try renderer.render("电梯", pixelSize: 40)
        #expect(extent.inkWidth > 60 && extent.inkWidth <= 84)
        #expect(image.bytes.contains { $0 != 0 })
        let digits = try renderer.measure("N006109", pixelSize: 100)
        #expect(digits.ascent > 60 && digits.descent <= 2)
    }

    @Test func fontconfigFindsAFontWhenNoPathIsKnown() throws {
        let located = try FontLocator(candidates: [], usesFontconfig: true).locate()
        #expect(FileManager.default.fileExists(atPath: located.path))
    }
}
