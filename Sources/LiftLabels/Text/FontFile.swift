/// A font face on disk: a file and, for a collection (.ttc), the index of the face in it.
public struct FontFile: Sendable, Codable, Hashable, CustomStringConvertible {
    public var path: String
    /// The face in a font collection; 0 for a single font.
    public var faceIndex: Int

    public init(path: String, faceIndex: Int = 0) {
        self.path = path
        self.faceIndex = faceIndex
    }

    public var description: String { faceIndex == 0 ? path : "\(path) (face \(faceIndex))" }
}
