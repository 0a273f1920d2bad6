#if canImport(Glibc)
import Glibc
#endif

/// Decoding of HTML character references (`&amp;`, `&#58;`, `&#x3A;` and the named ones discount writes),
/// shared by the image filter and plain-text summaries.
public enum CharacterReferences {
    static let named: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "colon": ":",
        "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "pound": "£",
    ]

    /// Decodes each reference once (so `&amp;#58;` becomes `&#58;`, as a browser reads an attribute).
    ///
    /// By bytes, copying the text between references as it is. This reads references as the character-by-character
    /// version did: a name is at most nine ASCII characters (any other scalar makes it no reference), ended by `;`
    /// or by U+037E, which is canonically equivalent to `;` and so compared equal to it as a `Character`; the `&`
    /// and the `;` must each be a whole character, not joined to a combining mark.
    public static func decode(_ text: String) -> String {
        var text = text
        // memchr: searching the string's UTF-8 view byte by byte cost half as much as counting a body's words.
        guard text.withUTF8({ !$0.isEmpty && memchr($0.baseAddress!, Int32(UInt8(ascii: "&")), $0.count) != nil })
        else { return text }
        return text.withUTF8 { bytes in
            // References never decode to more bytes than they are written in.
            String(unsafeUninitializedCapacity: bytes.count) { output in
                var written = 0
                var copied = 0
                func copy(_ range: Range<Int>) {
                    guard !range.isEmpty else { return }
                    (output.baseAddress! + written).initialize(from: bytes.baseAddress! + range.lowerBound,
                                                               count: range.count)
                    written += range.count
                }
                var index = 0
                while index < bytes.count {
                    guard bytes[index] == UInt8(ascii: "&") else { index += 1; continue }
                    guard let (end, decoded) = reference(at: index, in: bytes) else { index += 1; continue }
                    copy(copied..<index)
                    for byte in decoded.utf8 { output[written] = byte; written += 1 }
                    copied = end
                    index = end
                }
                copy(copied..<bytes.count)
                return written
            }
        }
    }

    /// The reference whose `&` is at `amp`: where it ends (after its `;`) and what it stands for.
    static func reference(at amp: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (end: Int, decoded: String)? {
        var semicolon = amp + 1
        while semicolon < bytes.count, semicolon - amp <= 10, bytes[semicolon] < 0x80,
              bytes[semicolon] != UInt8(ascii: ";") {
            semicolon += 1
        }
        guard semicolon - amp <= 10, semicolon < bytes.count else { return nil }
        let end: Int
        if bytes[semicolon] == UInt8(ascii: ";") {
            end = semicolon + 1
        } else if bytes[semicolon] == 0xCD, semicolon + 1 < bytes.count, bytes[semicolon + 1] == 0xBE {
            end = semicolon + 2  // U+037E GREEK QUESTION MARK
        } else {
            return nil
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[amp + 1..<semicolon]), as: UTF8.self)
        guard let decoded = reference(name[...]) else { return nil }
        // Only now, as it is rare: the `&` and the `;` must be whole characters.
        // (U+037E, like ASCII, joins only what follows it under the pair rules, so the pair decides there too.)
        guard GraphemeBytes.isBoundary(bytes, at: amp), GraphemeBytes.isBoundary(bytes, at: amp + 1),
              GraphemeBytes.isBoundary(bytes, at: end) else { return nil }
        return (end, decoded)
    }

    static func reference(_ name: Substring) -> String? {
        if let named = named[name] { return named }
        guard name.first == "#" else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map { String($0) }
    }
}
