import Markdown

/// The `##` sections of an entry body, which each kind requires.
public enum Sections {
    public struct Heading: Sendable, Hashable {
        public var text: String
        /// Line within the body (1-based).
        public var line: Int
    }

    /// Level-two ATX headings (`## Text`), skipping fenced code blocks.
    ///
    /// Lines are found by bytes (`memchr`), as `lineSlices` finds them, and most are prose: a line whose first byte after
    /// spaces is ASCII other than a fence or heading mark can be neither, nor close a fence (a character that
    /// starts with that byte is not ` or ~), so it is passed over without reading it as characters.
    public static func headings(in body: String) -> [Heading] {
        var headings: [Heading] = []
        var fence: Substring?
        func read(_ line: Substring, number: Int) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                return
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                return
            }
            guard line.leadingSpaceCount < 4, trimmed.hasPrefix("## ") || trimmed == "##" else { return }
            var text = trimmed.dropFirst(2)
            while text.last == "#" || text.last == " " { text = text.dropLast() }  // closing hashes
            headings.append(Heading(text: String(text.drop { $0 == " " }), line: number))
        }
        let utf8 = body.utf8
        let scanned: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            var number = 1
            var start = 0
            while true {
                let lineEnd = ByteSearch.lineEnd(in: bytes, from: start)
                let index = lineEnd ?? bytes.count
                var first = start
                while first < index, bytes[first] == UInt8(ascii: " ") { first += 1 }
                if first < index, bytes[first] >= 0x80 || bytes[first] == UInt8(ascii: "#")
                    || bytes[first] == UInt8(ascii: "`") || bytes[first] == UInt8(ascii: "~") {
                    let lower = utf8.index(utf8.startIndex, offsetBy: start)
                    read(body[lower..<utf8.index(lower, offsetBy: index - start)], number: number)
                }
                guard lineEnd != nil else { break }
                number += 1
                start = index + 1
            }
        }
        if scanned == nil {
            for (index, line) in body.lineSlices.enumerated() { read(line, number: index + 1) }
        }
        return headings
    }

    /// The line (1-based) and marker of a code fence the text opens and never closes, as `headings(in:)` reads
    /// fences: everything after it would be code, headings included.
    public static func unclosedFence(in text: String) -> (line: Int, marker: String)? {
        var open: (line: Int, marker: Substring)?
        for (index, line) in text.lineSlices.enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let fence = open {
                if trimmed.hasPrefix(fence.marker) { open = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                open = (index + 1, trimmed.prefix(3))
            }
        }
        return open.map { ($0.line, String($0.marker)) }
    }

    /// Headings match case-insensitively, ignoring spacing and trailing punctuation.
    public static func normalise(_ heading: String) -> String {
        if let ascii = normaliseASCII(heading) { return ascii }
        var text = heading.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = text.last, last.isPunctuation || last == " " { text.removeLast() }
        return text
    }

    /// `normalise` for ASCII text, by bytes, or nil for other text. Each ASCII byte is a character (but "\r\n",
    /// which is whitespace as its two bytes are), and the whitespace and punctuation tables are the `Character`
    /// properties themselves.
    static func normaliseASCII(_ heading: String) -> String? {
        var heading = heading
        return heading.withUTF8 { bytes -> String? in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                if asciiWhitespace[Int(byte)] {
                    pendingSpace = !output.isEmpty
                } else {
                    if pendingSpace { output.append(UInt8(ascii: " ")) }
                    pendingSpace = false
                    output.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
                }
            }
            while let last = output.last, asciiPunctuation[Int(last)] || last == UInt8(ascii: " ") {
                output.removeLast()
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    static let asciiWhitespace: [Bool] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))).isWhitespace }
    static let asciiPunctuation: [Bool] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))).isPunctuation }

    /// The required sections the body lacks, in the required order.
    public static func missing(_ required: [String], in body: String) -> [String] {
        let present = Set(headings(in: body).map { normalise($0.text) })
        return required.filter { !present.contains(normalise($0)) }
    }

    /// A required section that is missing, with the written heading that most likely misspells it.
    public struct Gap: Sendable, Hashable {
        public var missing: String
        public var misspelling: Heading?
    }

    /// The missing sections in required order. Each unmatched heading is offered as the misspelling of at most
    /// one missing section: the closest pairs are matched first.
    public static func gaps(required: [String], in body: String) -> [Gap] {
        // Each heading and section normalised once.
        let written = headings(in: body).map { (heading: $0, key: normalise($0.text)) }
        let present = Set(written.map(\.key))
        let requiredKeys = required.map { (section: $0, key: normalise($0)) }
        let missing = requiredKeys.filter { !present.contains($0.key) }
        let wanted = Set(requiredKeys.map(\.key))
        let unmatched = written.filter { !wanted.contains($0.key) }
        let unmatchedKeys = unmatched.map { Array($0.key) }
        var pairs: [(missing: Int, heading: Int, distance: Int)] = []
        for (m, section) in missing.enumerated() {
            let target = Array(section.key)
            // Headings are longer than keys and get reworded, so half the length may differ.
            let allowed = max(3, target.count / 2)
            for h in unmatched.indices {
                let distance = Suggestion.editDistance(target, unmatchedKeys[h])
                if distance <= allowed { pairs.append((m, h, distance)) }
            }
        }
        var chosen: [Int: Heading] = [:]
        var used: Set<Int> = []
        for pair in pairs.sorted(by: { ($0.distance, $0.missing) < ($1.distance, $1.missing) })
        where chosen[pair.missing] == nil && !used.contains(pair.heading) {
            chosen[pair.missing] = unmatched[pair.heading].heading
            used.insert(pair.heading)
        }
        return missing.enumerated().map { Gap(missing: $0.element.section, misspelling: chosen[$0.offset]) }
    }
}
