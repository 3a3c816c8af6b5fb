import ArgumentParser
import Foundation
import HummingbirdBcrypt
import LiftCore

#if canImport(Glibc)
import Glibc
#endif

/// Reading, checking and hashing console passwords for `accounts add` and `accounts set-password`.
enum ConsolePassword {
    /// bcrypt's cost for passwords set from the command line.
    static let cost: UInt8 = 12

    /// A login: 2 to 64 letters, digits, `.`, `_`, `-` or `@`.
    static func validateLogin(_ login: String) throws {
        guard PasswordPolicy.isValidLogin(login) else { throw ValidationError("--login must be 2 to 64 letters, digits or . _ - @") }
    }

    /// The policy's verdict, then the bcrypt hash.
    static func hash(_ password: String, login: String) throws -> String {
        do {
            try PasswordPolicy.check(password, login: login)
        } catch {
            throw CommandFailure("password refused: \(error.description)")
        }
        return Bcrypt.hash(password, cost: cost)
    }

    /// One line of standard input, without its line break.
    static func readStandardInput() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure("no password on standard input (give it as one line)")
        }
        return line
    }

    /// A password typed at a terminal without echo, asked twice; standard input when it is not a terminal.
    static func ask(login: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else { return try readStandardInput() }
        guard let first = getpass("New password for \(login): ").map({ String(cString: $0) }), !first.isEmpty else {
            throw CommandFailure("no password given")
        }
        guard let second = getpass("Again: ").map({ String(cString: $0) }), second == first else {
            throw CommandFailure("the two passwords differ")
        }
        return first
    }

    /// A random password for a demo account: 14 characters people can read aloud.
    static func generate() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<14).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
