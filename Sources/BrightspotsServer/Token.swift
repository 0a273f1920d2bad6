import Foundation

/// Unguessable strings from the system's secure random source (getrandom on Linux).
enum Token {
    /// Crockford's base 32: no I, L, O or U, so a reference read aloud or retyped is not misread.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let alphabetBytes = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A form token: 32 characters, 160 bits.
    static func random() -> String { characters(32) }

    /// A submission reference like "BS-7KQ2-M9XD-4TPA": 12 characters, 60 bits, so holding it is the
    /// proof of being its submitter.
    static func reference() -> String {
        let body = characters(12)
        let groups = stride(from: 0, to: 12, by: 4).map { start -> String in
            let from = body.index(body.startIndex, offsetBy: start)
            return String(body[from..<body.index(from, offsetBy: 4)])
        }
        return "BS-" + groups.joined(separator: "-")
    }

    /// `count` characters, each 5 random bits (the alphabet has 32 letters, so every letter is equally likely).
    /// Twelve characters are taken from each 64-bit draw: one system call per twelve, not one per character.
    static func characters(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bits: UInt64 = 0
        let letters = (0..<count).map { index -> UInt8 in
            if index % 12 == 0 { bits = generator.next() }
            defer { bits >>= 5 }
            return alphabetBytes[Int(bits & 31)]
        }
        return String(decoding: letters, as: UTF8.self)
    }

    /// Whether a typed reference has the shape of one: upper-cased, spaces trimmed.
    static func normalisedReference(_ text: String) -> String? {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = upper.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "BS",
              parts.dropFirst().allSatisfy({ $0.count == 4 && $0.allSatisfy { alphabet.contains($0) } }) else { return nil }
        return upper
    }

    /// Compares in time that does not depend on where the strings first differ.
    static func matches(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count, !b.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
