@testable import BrightspotsSite
import Foundation
import Testing

/// `JSONValue.prettyText` against Foundation's `JSONEncoder` with the ROI download's options, on random values.
@Suite("Pretty JSON")
struct PrettyJSONTests {
    /// Encodes a `JSONValue` through `JSONEncoder`'s containers.
    struct Encoded: Encodable {
        let value: JSONValue

        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            switch value {
            case .string(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            case .number(let number):
                var container = encoder.singleValueContainer()
                try container.encode(number)
            case .list(let items):
                var container = encoder.unkeyedContainer()
                for item in items { try container.encode(Encoded(value: item)) }
            case .object(let fields):
                var container = encoder.container(keyedBy: Key.self)
                for (key, field) in fields { try container.encode(Encoded(value: field), forKey: Key(stringValue: key)) }
            }
        }
    }

    static func foundation(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Encoded(value: value)), as: UTF8.self)
    }

    /// Every control character, quotes, backslashes, slashes, non-ASCII text and emoji.
    static let characters: [Character] = (0..<0x20).map { Character(Unicode.Scalar($0)!) }
        + ["\"", "\\", "/", "a", "Z", " ", "é", "£", "–", "😀", "\u{7F}", "\u{2028}", "<", "&", "\r\n"]
    static let keys = ["a", "B", "_", "aa", "a_b", "net_fiscal", "z9", "entries", "Z", "0"]

    static func value(_ random: inout some RandomNumberGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0...(depth > 3 ? 1 : 3), using: &random) {
        case 0:
            return .string(String((0..<Int.random(in: 0...6, using: &random)).map { _ in
                characters.randomElement(using: &random)!
            }))
        case 1: return .number(Int.random(in: -100_000...100_000, using: &random))
        case 2: return .list((0..<Int.random(in: 0...3, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            var fields: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                fields[keys.randomElement(using: &random)!] = value(&random, depth: depth + 1)
            }
            return .object(fields)
        }
    }

    @Test("random values are written byte for byte as JSONEncoder writes them")
    func sameAsFoundation() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Self.value(&random, depth: 0)
            #expect(value.prettyText == (try Self.foundation(value)))
        }
    }

    @Test("empty containers and escapes, as JSONEncoder writes them")
    func examples() throws {
        let value = JSONValue.object(["b": .list([]), "a": .object([:]), "c": .string("x/\"\\\u{1}\n\té"),
                                      "d": .list([.object([:]), .number(-3)])])
        #expect(value.prettyText == (try Self.foundation(value)))
        #expect(value.prettyText.hasPrefix("{\n  \"a\" : {\n\n  },\n  \"b\" : [\n\n  ],"))
    }
}
