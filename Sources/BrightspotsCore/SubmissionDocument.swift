import Foundation

/// An approved submission as an entry file: YAML front matter and the kind's sections, in the same format as a
/// hand-written entry, so `check` and `build` treat both alike. Pure: the caller writes the file.
public enum SubmissionDocument {
    public static func markdown(_ submission: Submission, vocabulary: Vocabulary, date: Day,
                                allowances: [PrivacyAllowance] = []) -> String {
        let kind = vocabulary.site.kind(submission.kind)
        var lines = ["---"]
        lines.append("title: \(YAMLText.quoted(clean(submission.title)))")
        lines.append("date: \(date)")
        lines.append("kind: \(submission.kind)")
        let author = submission.anonymous || clean(submission.displayName).isEmpty ? "anonymous" : clean(submission.displayName)
        lines.append("author: \(YAMLText.quoted(author))")
        if !clean(submission.team).isEmpty { lines.append("team: \(YAMLText.quoted(clean(submission.team)))") }
        var tags: [String] = []
        for written in SubmissionCheck.tagList(submission.tags) {
            if let tag = vocabulary.tags.canonical(written), !tags.contains(tag) { tags.append(tag) }
        }
        if !tags.isEmpty { lines.append("tags: [\(tags.joined(separator: ", "))]") }
        if !submission.principles.isEmpty { lines.append("principles: [\(submission.principles.joined(separator: ", "))]") }
        if let month = Month(submission.forum) { lines.append("forum: \(month)") }
        let outcomes = submission.outcomes.filter { !$0.isBlank }
        if !outcomes.isEmpty {
            lines.append("roi:")
            lines.append("  cost: \(plainAmount(submission.cost))")
            if !clean(submission.paidFor).isEmpty { lines.append("  paid_for: \(YAMLText.quoted(clean(submission.paidFor)))") }
            lines.append("  outcomes:")
            for outcome in outcomes {
                lines.append("    - code: \(outcome.code)")
                lines.append("      count: \(outcome.count.trimmingCharacters(in: .whitespaces))")
            }
        }
        if !allowances.isEmpty {
            lines.append("privacy_allowed:")
            for allowance in allowances {
                lines.append("  - text: \(YAMLText.quoted(allowance.text))")
                lines.append("    allowed_by: \(YAMLText.quoted(allowance.allowedBy))")
                lines.append("    reason: \(YAMLText.quoted(allowance.reason))")
            }
        }
        lines.append("---")
        for (index, heading) in (kind?.sections ?? []).enumerated() {
            let answer = index < submission.sections.count ? submission.sections[index] : ""
            lines.append("")
            lines.append("## \(heading)")
            lines.append("")
            lines.append(sectionText(answer))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A section's answer as the file holds it.
    static func sectionText(_ answer: String) -> String { clean(answer.replacingCRLF) }

    /// "£1,250.50" → "1250.50".
    public static func plainAmount(_ typed: String) -> String {
        var text = typed.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if text.hasPrefix("£") { text.removeFirst() }
        return text
    }

    /// Trimmed of spaces, line breaks and U+FEFF: Yams drops a U+FEFF that starts a value, so one kept there
    /// would change the text, or leave nothing of a title made only of it.
    static func clean(_ text: String) -> String { text.trimmingCharacters(in: trimmed) }
    static let trimmed = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}"))
}

/// YAML scalars written by Brightspots itself.
public enum YAMLText {
    /// A double-quoted YAML scalar: safe for any text, including ": ", quotes, "#" and leading dashes.
    /// Line breaks (YAML's too: U+0085, U+2028, U+2029) become spaces: every value written this way is one line.
    /// Characters YAML does not allow in a file (controls, U+FEFF, U+FFFE, U+FFFF) are written as `\u` escapes,
    /// so the value reads back as it was instead of making the whole file unreadable.
    public static func quoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in oneLine(text).unicodeScalars {
            switch scalar {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            default:
                if isPrintable(scalar) {
                    quoted.unicodeScalars.append(scalar)
                } else {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    quoted += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                }
            }
        }
        return quoted + "\""
    }

    /// The text with each line break ("\r\n" is one) and tab as a space, as `quoted` writes it.
    public static func oneLine(_ text: String) -> String {
        var line = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\n" where afterCR: continue
            case "\n", "\r", "\t", "\u{85}", "\u{2028}", "\u{2029}": line.append(" ")
            default: line.append(scalar)
            }
        }
        return String(line)
    }

    /// What YAML 1.1 allows in a file (libyaml, under Yams, refuses the rest), less the byte order mark.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0x10000...0x10FFFF: return true
        case 0xE000...0xFFFD: return scalar.value != 0xFEFF
        default: return false
        }
    }
}
