/// Decoding of HTML character references (`&amp;`, `&#58;`, `&#x3A;` and the named ones discount writes),
/// shared by the image filter and plain-text summaries.
public enum CharacterReferences {
    static let named: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "colon": ":",
        "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "pound": "£",
    ]

    /// Decodes each reference once (so `&amp;#58;` becomes `&#58;`, as a browser reads an attribute).
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var output = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";"), let decoded = reference(after[..<semi]) {
                output += decoded
                rest = after[after.index(after: semi)...]
                continue
            }
            output += "&"
            rest = after
        }
        return output + rest
    }

    static func reference(_ name: Substring) -> String? {
        if let named = named[name] { return named }
        guard name.first == "#" else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map { String($0) }
    }
}
