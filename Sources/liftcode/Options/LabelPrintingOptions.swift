import ArgumentParser
import Foundation
import LiftCore
import LiftLabels

/// Where labels point, how they are laid out and drawn, and where the sheets go.
struct LabelPrintingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The label base URL, as https://lc.example.cn (env LIFTCODE_BASE_URL).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("The sheet layout: a file, or the name of one in Labels/layouts/ (a4-harsh.json, a4-harsh).", valueName: "file"))
    var layout: String = "Labels/layouts/a4.json"

    /// Where layouts are looked up by name.
    static let layoutFolder = "Labels/layouts"

    /// The layout file: the path as given when it exists, else the name in Labels/layouts/.
    var layoutFile: URL { Self.layoutFile(layout) }

    /// The layout file `layout` names: the path as given when it exists, else the name in
    /// Labels/layouts/.
    static func layoutFile(_ layout: String) -> URL {
        let files = FileManager.default
        guard !files.fileExists(atPath: layout), !layout.contains("/") else { return URL(fileURLWithPath: layout) }
        let name = layout.hasSuffix(".json") ? layout : layout + ".json"
        let candidate = layoutFolder + "/" + name
        return URL(fileURLWithPath: files.fileExists(atPath: candidate) ? candidate : layout)
    }

    @Option(help: ArgumentHelp("The folder batch folders go under.", valueName: "dir"))
    var out: String = "Labels/out"

    @Option(help: ArgumentHelp("A CJK font file (default: found on the system, e.g. fonts-wqy-microhei).", valueName: "file"))
    var font: String?

    var outputRoot: URL { URL(fileURLWithPath: out, isDirectory: true) }

    /// The base URL as codes carry it (upper case, no trailing slash), checked.
    func labelBaseURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let given = baseURL ?? environment["LIFTCODE_BASE_URL"], !given.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("no label base URL: pass --base-url https://… or set LIFTCODE_BASE_URL (the address phones open)")
        }
        return try Self.labelBaseURL(given)
    }

    /// `given` as codes carry it (upper case, no trailing slash), or a usage error saying what is wrong.
    static func labelBaseURL(_ given: String) throws -> String {
        let base = LabelCode.normalizedBaseURL(given)
        guard base.hasPrefix("HTTP://") || base.hasPrefix("HTTPS://"),
            let components = URLComponents(string: base.lowercased()), let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil
        else {
            throw ValidationError("--base-url \(given) is not an http or https URL without query or fragment, as https://lc.example.cn")
        }
        guard base.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 }), !base.contains("/E/") else {
            throw ValidationError("--base-url \(given) must be plain ASCII without spaces and must not contain /E/")
        }
        let longest = LabelCode.prefix(baseURL: base, number: NNumber(value: 999_999)!, serial: LabelCode.maximumSerial, keyID: "KKKK").utf8.count + 103
        guard longest <= 512 else { throw ValidationError("--base-url is too long: a code must stay within 512 characters") }
        return base
    }

    /// How to draw a batch: this layout and font, and the format and skip `output` resolves for it.
    func drawing(_ output: LabelOutputOptions) throws -> BatchDrawing {
        let layout = try loadLayout()
        let (format, skip) = try output.resolved(for: layout.settings)
        return BatchDrawing(layout: layout.settings, layoutName: layout.name, font: try locateFont(), format: format, skip: skip)
    }

    /// The layout file, read and checked, with its name.
    func loadLayout() throws -> (settings: SheetLayout, name: String) {
        try Self.loadLayout(layout)
    }

    /// The layout `layout` names (see ``layoutFile(_:)``), read and checked, with its name.
    static func loadLayout(_ layout: String) throws -> (settings: SheetLayout, name: String) {
        let file = layoutFile(layout)
        do {
            return (try SheetLayout(contentsOf: file), SheetLayout.name(of: file))
        } catch {
            throw CommandFailure(error.message)
        }
    }

    /// The font to draw with.
    func locateFont() throws -> FontFile {
        try Self.locateFont(font)
    }

    /// The font file `path` names, else one found on the system.
    static func locateFont(_ path: String?) throws -> FontFile {
        do {
            return try FontLocator.system.locate(override: path)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
