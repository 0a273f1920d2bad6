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
            lines.append(clean(answer.replacingCRLF))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "£1,250.50" → "1250.50".
    public static func plainAmount(_ typed: String) -> String {
        var text = typed.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if text.hasPrefix("£") { text.removeFirst() }
        return text
    }

    static func clean(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// YAML scalars written by Brightspots itself.
public enum YAMLText {
    /// A double-quoted YAML scalar: safe for any text, including ": ", quotes, "#" and leading dashes.
    /// Line breaks become spaces: every value written this way is one line.
    public static func quoted(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            switch character {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n", "\r", "\r\n", "\t": quoted += " "
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }
}
