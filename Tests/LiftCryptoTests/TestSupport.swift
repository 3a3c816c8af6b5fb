import Foundation
import LiftTestSupport

/// The label code test vectors shared by every implementation: `Fixtures/label-code-v1.json`, a
/// byte-for-byte copy of the project's shared `vectors/label-code-v1.json` (its SHA-256 is checked
/// in `LabelCodeVectorTests`), so the tests run from any clone.
struct LabelCodeVectors: Decodable {
    struct Key: Decodable {
        let `public`: String
        let privateForTestsOnly: String

        enum CodingKeys: String, CodingKey {
            case `public`
            case privateForTestsOnly = "private_for_tests_only"
        }
    }

    struct Case: Decodable {
        let code: String
        let outcome: String
        let why: String
    }

    let keys: [String: Key]
    let cases: [Case]

    static func load() throws -> LabelCodeVectors {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = packageRoot.appendingPathComponent("Tests/LiftCryptoTests/Fixtures/label-code-v1.json")
        return try JSONDecoder().decode(LabelCodeVectors.self, from: Data(contentsOf: file))
    }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("liftcrypto-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs the `openssl` command line tool and returns its exit status and standard output.
func runOpenSSL(_ arguments: [String]) async throws -> (status: Int32, output: Data) {
    let result = try await ChildProcess.run("openssl", arguments)
    return (result.status, result.outputData)
}

/// The Unix permission bits of a file.
func permissions(of url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
