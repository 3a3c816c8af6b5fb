import Foundation

/// Finds a font that can draw a label's Chinese text: a given file, a well-known path, or fontconfig.
///
/// A candidate counts only when it has glyphs for Latin capitals, digits and the Chinese of a label
/// (fonts-droid-fallback, for one, has Chinese but no Latin letters or digits). When nothing fits,
/// the error names the Debian package to install.
///
///     let font = try FontLocator.system.locate(override: options.font)
public struct FontLocator: Sendable {
    /// Font files tried in order before asking fontconfig.
    public var candidates: [String]
    /// Whether to ask `fc-match` and `fc-list` when no candidate fits.
    public var usesFontconfig: Bool

    /// Characters every label font must have.
    public static let requiredCharacters = "N0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-·电梯安全公共服务平台扫码查看信息投诉应急救援识别"

    /// Debian's CJK font files, smallest first.
    public static let wellKnownFonts = [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/truetype/arphic/ukai.ttc",
    ]

    /// The well-known paths, then fontconfig.
    public static let system = FontLocator(candidates: wellKnownFonts, usesFontconfig: true)

    public init(candidates: [String], usesFontconfig: Bool) {
        self.candidates = candidates
        self.usesFontconfig = usesFontconfig
    }

    /// The font to draw labels with: `override` when given (it must have the characters), else the
    /// first suitable font found.
    public func locate(override: String? = nil) throws(FontError) -> FontFile {
        if let override {
            guard FileManager.default.fileExists(atPath: override) else {
                throw .cannotOpen(path: override, freeTypeError: 1)
            }
            return try Self.bestFace(in: override)
        }
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            if let font = try? Self.bestFace(in: path) { return font }
        }
        if usesFontconfig {
            for font in Self.fontconfigCandidates() {
                if let found = try? Self.bestFace(in: font.path, preferring: font.faceIndex) { return found }
            }
        }
        throw .noChineseFont
    }

    /// The face of a font file that has every required character, preferring Simplified Chinese
    /// faces of a collection (Noto CJK's "… SC"), then `preferred`, then the first.
    static func bestFace(in path: String, preferring preferred: Int = 0) throws(FontError) -> FontFile {
        let first = try FontRenderer(font: FontFile(path: path, faceIndex: 0))
        var suitable: [(index: Int, family: String)] = []
        var firstMissing = ""
        for index in 0..<max(first.faceCount, 1) {
            let renderer = index == 0 ? first : try FontRenderer(font: FontFile(path: path, faceIndex: index))
            let missing = renderer.missingCharacters(in: requiredCharacters)
            if missing.isEmpty {
                suitable.append((index, renderer.familyName))
            } else if index == 0 {
                firstMissing = missing
            }
        }
        if let simplified = suitable.first(where: { $0.family.hasSuffix(" SC") }) {
            return FontFile(path: path, faceIndex: simplified.index)
        }
        if let chosen = suitable.first(where: { $0.index == preferred }) ?? suitable.first {
            return FontFile(path: path, faceIndex: chosen.index)
        }
        throw .missingCharacters(font: path, characters: firstMissing)
    }

    /// What fontconfig offers for Simplified Chinese: its best match, then every font claiming zh-cn.
    static func fontconfigCandidates() -> [FontFile] {
        var fonts: [FontFile] = []
        if let output = run("fc-match", ["-f", "%{file}\t%{index}\n", "sans-serif:lang=zh-cn"]) {
            fonts += parse(output)
        }
        if let output = run("fc-list", [":lang=zh-cn", "file", "index"]) {
            fonts += parse(output.replacingOccurrences(of: ": index=", with: "\t")).sorted { $0.path < $1.path }
        }
        return fonts
    }

    /// Parses lines of "path<TAB>index" (fc-list ends a path with ":").
    private static func parse(_ output: String) -> [FontFile] {
        output.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: "\t")
            guard let path = fields.first?.trimmingCharacters(in: CharacterSet(charactersIn: ": ")), !path.isEmpty else {
                return nil
            }
            let index = fields.count > 1 ? Int(fields[1].trimmingCharacters(in: .whitespaces)) ?? 0 : 0
            return FontFile(path: path, faceIndex: index)
        }
    }

    /// Runs a fontconfig tool found on PATH and returns its output, or nil when it is missing or fails.
    private static func run(_ tool: String, _ arguments: [String]) -> String? {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let executable = searchPath.split(separator: ":").map({ "\($0)/\(tool)" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
