/// The languages text is shown in: Simplified Chinese by default, English as the second.
public enum Language: String, Sendable, Codable, CaseIterable {
    case zh
    case en

    /// Picks a language from a `lang` parameter or an Accept-Language header; Chinese otherwise.
    public init(preferring tags: String?) {
        guard let tags else { self = .zh; return }
        for tag in tags.lowercased().split(separator: ",") {
            let code = tag.split(separator: ";").first.map { $0.trimmed } ?? ""
            if code.hasPrefix("zh") { self = .zh; return }
            if code.hasPrefix("en") { self = .en; return }
        }
        self = .zh
    }
}

/// Something with a name for people in each language.
public protocol Localized {
    func name(in language: Language) -> String
}
