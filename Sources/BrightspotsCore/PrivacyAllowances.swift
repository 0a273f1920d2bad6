/// An entry's `privacy_allowed:` list, and the privacy check of a whole entry file:
///
/// ```yaml
/// privacy_allowed:
///   - text: 0113 496 0456
///     allowed_by: Sam Moderator
///     reason: the team's duty line, published on the council's website
/// ```
enum PrivacyAllowanceParser {
    static let key = "privacy_allowed"
    static let keys = ["text", "allowed_by", "reason"]

    /// The allowances written, each with all three keys; a problem for each one that is not.
    static func parse(_ value: YAMLValue?, reader: inout FieldReader) -> [PrivacyAllowance] {
        let items: [YAMLValue]
        switch value {
        case nil: return []
        case .scalar(let text, _)? where FieldReader.isNull(text): return []
        case .sequence(let list, _)?: items = list
        case let other?:
            reader.report(other.line, .wrongType(key: key, expected: "a list of {text, allowed_by, reason}"))
            return []
        }
        var allowances: [PrivacyAllowance] = []
        for item in items {
            guard let pairs = reader.mapping(item, what: "an allowance") else { continue }
            let before = reader.problems.count
            reader.checkKeys(pairs, allowed: keys)
            for key in keys where item[key] == nil { reader.report(item.line, .missingKey(key)) }
            let text = reader.text(item["text"], key: "text", required: true)
            let allowedBy = reader.text(item["allowed_by"], key: "allowed_by", required: true)
            let reason = reader.text(item["reason"], key: "reason", required: true)
            if reader.problems.count == before, let text, let allowedBy, let reason {
                allowances.append(PrivacyAllowance(text: text, allowedBy: allowedBy, reason: reason))
            }
        }
        return allowances
    }

    /// A problem for each finding in an entry file that no allowance covers, on the file's own line.
    /// The whole file is scanned, front matter and body, except the `privacy_allowed` block itself (which
    /// repeats the allowed text) and the entry's own `date` line (a date near "born" in a title is not a birth).
    static func check(_ text: String, pairs: [YAMLPair], frontMatterEnd: Int,
                      allowances: [PrivacyAllowance], reader: inout FieldReader) {
        let text = text.containsBytes("\r\n") ? text.replacingCRLF : text
        let findings = PrivacyGuard.scan(blanking(skippedLines(pairs: pairs, frontMatterEnd: frontMatterEnd), in: text))
        for finding in PrivacyGuard.unallowed(findings, allowances: allowances) {
            reader.report(finding.line, .identifier(kind: finding.kind.label, text: finding.text))
        }
    }

    /// `text` with the given lines (1-based, as `lineSlices` counts them) emptied and every line break kept, so
    /// each finding keeps its line. The lines are in the front matter, near the top: the text is read only as
    /// far as the last of them, and copied around them, rather than cut into lines and joined again.
    static func blanking(_ lines: [Int], in text: String) -> String {
        let wanted = Set(lines.filter { $0 >= 1 })
        guard let last = wanted.max() else { return text }
        var ranges: [Range<String.Index>] = []
        var number = 0
        text.forEachLine { line in
            number += 1
            if wanted.contains(number) { ranges.append(line.startIndex..<line.endIndex) }
            return number < last
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var position = text.startIndex
        for range in ranges {
            result += text[position..<range.lowerBound]
            position = range.upperBound
        }
        result += text[position...]
        return result
    }

    /// File lines of the `privacy_allowed` block (its key line up to the next key or the closing "---"),
    /// and of a one-line `date`.
    static func skippedLines(pairs: [YAMLPair], frontMatterEnd: Int) -> [Int] {
        var skipped: [Int] = []
        let keyLines = pairs.map(\.keyLine).sorted()
        for pair in pairs {
            switch pair.key {
            case key:
                let next = keyLines.first { $0 > pair.keyLine } ?? frontMatterEnd
                skipped += Array(pair.keyLine..<max(pair.keyLine + 1, next))
            case "date" where pair.value.line == pair.keyLine && pair.value.string != nil:
                skipped.append(pair.keyLine)
            default:
                break
            }
        }
        return skipped
    }

    /// `text` as a YAML double-quoted string, for hints.
    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            if character == "\\" || character == "\"" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
