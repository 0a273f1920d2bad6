/// A JSON value written as Foundation's `JSONEncoder` writes it with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes`, byte for byte: two-space indents, `"key" : value`, keys in order, an empty list or
/// object as its bracket, a blank line and the closing bracket, and in strings only `"`, `\` and control
/// characters escaped (a test compares the two on random values). The ROI download is six megabytes at 10,000
/// entries, and encoding it through `JSONEncoder` cost a fiftieth of the whole build.
///
/// Keys are compared as Swift strings, as `JSONEncoder` compares them for the ASCII keys written here.
enum JSONValue {
    case string(String)
    case number(Int)
    case list([JSONValue])
    case object([String: JSONValue])

    /// The value as pretty-printed JSON, without a final line break.
    var prettyText: String {
        var bytes: [UInt8] = []
        write(into: &bytes, indent: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func write(into bytes: inout [UInt8], indent: Int) {
        switch self {
        case .string(let text):
            Self.write(text, into: &bytes)
        case .number(let number):
            bytes.append(contentsOf: String(number).utf8)
        case .list(let items):
            Self.writeContainer(open: "[", close: "]", count: items.count, indent: indent, into: &bytes) { index, bytes in
                items[index].write(into: &bytes, indent: indent + 2)
            }
        case .object(let fields):
            let keys = fields.keys.sorted()
            Self.writeContainer(open: "{", close: "}", count: keys.count, indent: indent, into: &bytes) { index, bytes in
                Self.write(keys[index], into: &bytes)
                bytes.append(contentsOf: " : ".utf8)
                fields[keys[index]]!.write(into: &bytes, indent: indent + 2)
            }
        }
    }

    private static func writeContainer(open: Unicode.Scalar, close: Unicode.Scalar, count: Int, indent: Int,
                                       into bytes: inout [UInt8], _ element: (Int, inout [UInt8]) -> Void) {
        bytes.append(UInt8(ascii: open))
        bytes.append(10)
        if count == 0 { bytes.append(10) }
        for index in 0..<count {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
            element(index, &bytes)
            if index < count - 1 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(10)
        }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        bytes.append(UInt8(ascii: close))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func write(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case ..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
