import LiftCore

/// Signs label codes with one key: what `labels issue` holds while it renders a batch.
///
/// Made by ``KeyRing/signer(for:)``, which refuses retired and revoked keys.
public struct LabelSigner: Sendable {
    /// The key id printed in every code this signer makes ("K1").
    public let keyID: String
    /// The private key; shared by batch workers (see ``Ed25519PrivateKey`` on thread safety).
    public let privateKey: Ed25519PrivateKey

    /// A signer for `keyID` with `privateKey`; the id must be a valid key id.
    public init(keyID: String, privateKey: Ed25519PrivateKey) throws(KeyError) {
        guard LabelCode.isValidKeyID(keyID) else { throw .invalidKeyID(keyID) }
        self.keyID = keyID
        self.privateKey = privateKey
    }

    /// The key id of proof labels: five characters, one more than a key id may have, so no key ring
    /// can hold it and every server finds a proof code malformed.
    public static let proofKeyID = "PROOF"

    /// A signer for specimen labels (`labels proof`): key id ``proofKeyID`` and a key made for this
    /// proof alone and never stored, so its codes look and scan like real ones but verify nowhere.
    public static func proof() throws(KeyError) -> LabelSigner {
        LabelSigner(uncheckedKeyID: proofKeyID, privateKey: try Ed25519PrivateKey.generate())
    }

    private init(uncheckedKeyID keyID: String, privateKey: Ed25519PrivateKey) {
        self.keyID = keyID
        self.privateKey = privateKey
    }

    /// The signed code of one label: the signature covers the ASCII bytes of the code's prefix.
    ///
    ///     let code = try signer.code(baseURL: "HTTPS://LC.EXAMPLE.CN", label: LabelID(number: n, serial: 1))
    ///     code.text  // "HTTPS://LC.EXAMPLE.CN/E/N006109-1-K1-…"
    public func code(baseURL: String, label: LabelID) throws(KeyError) -> LabelCode {
        let prefix = LabelCode.prefix(baseURL: baseURL, number: label.number, serial: label.serial, keyID: keyID)
        let signature = try privateKey.signature(for: Array(prefix.utf8))
        return LabelCode(baseURL: baseURL, number: label.number, serial: label.serial, keyID: keyID, signature: signature)
    }
}
