import Foundation

/// An error on one form field, worded as GOV.UK error messages are: what to do, not what went wrong.
/// The same messages answer the form (inline and in the error summary) and the JSON API.
public struct FieldError: Sendable, Hashable, Codable {
    /// The form field's id, e.g. "title", "section-2", "outcome-1-count", "declaration".
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Length limits a submission's fields must keep to; the form shows them and a character count enhances them.
public enum SubmissionLimits {
    public static let title = 150
    public static let section = 10_000
    public static let team = 150
    public static let displayName = 80
    public static let tags = 300
    public static let paidFor = 300
    public static let outcomeRows = 5
    public static let tagCount = 12
    /// The largest cost or count accepted: beyond this a typing slip is likelier than a real figure.
    public static let largestAmount: Decimal = 10_000_000
}

/// Checks a submission against the site's kinds, principles, unit costs and forum months, and runs the
/// privacy guard over every text field. Pure; errors come back in the order the fields appear on the form.
public enum SubmissionCheck {
    public static func errors(_ submission: Submission, vocabulary: Vocabulary, forumMonths: [Month],
                              allowances: [PrivacyAllowance] = []) -> [FieldError] {
        var errors: [FieldError] = []
        func text(_ value: String, field: String, name: String, limit: Int, missing: String?,
                  singleLine: Bool = true) -> [FieldError] {
            SubmissionCheck.text(value, field: field, name: name, limit: limit, missing: missing,
                                 singleLine: singleLine, allowances: allowances)
        }
        guard let kind = vocabulary.site.kind(submission.kind) else {
            return [FieldError(field: "kind", message: "Select what kind of reflection you are sending")]
        }

        errors += text(submission.title, field: "title", name: "title", limit: SubmissionLimits.title,
                       missing: "Enter a title")
        for (index, heading) in kind.sections.enumerated() {
            let answer = index < submission.sections.count ? submission.sections[index] : ""
            let answerErrors = text(answer, field: "section-\(index + 1)", name: "‘\(heading)’",
                                    limit: SubmissionLimits.section, missing: "Enter your answer to ‘\(heading)’",
                                    singleLine: false)
            errors += answerErrors
            // An answer is followed by the other sections in the entry file: a code block it leaves open would
            // swallow them, and the entry could not be published.
            if answerErrors.isEmpty, let fence = Sections.unclosedFence(in: SubmissionDocument.sectionText(answer)) {
                errors.append(FieldError(field: "section-\(index + 1)", message:
                    "Close the code block in ‘\(heading)’: add a line with \(fence.marker) after the code, or remove the \(fence.marker) on line \(fence.line)"))
            }
        }

        errors += text(submission.tags, field: "tags", name: "tags", limit: SubmissionLimits.tags, missing: nil)
        let tags = tagList(submission.tags)
        if tags.count > SubmissionLimits.tagCount {
            errors.append(FieldError(field: "tags", message: "Enter \(SubmissionLimits.tagCount) tags or fewer"))
        } else if let bad = tags.first(where: { vocabulary.tags.canonical($0) == nil }) {
            errors.append(FieldError(field: "tags", message: "Tag ‘\(bad)’ must contain a letter or a digit"))
        }

        if submission.principles.contains(where: { vocabulary.principles.principle($0) == nil }) {
            errors.append(FieldError(field: "principles", message: "Select principles from the list"))
        }

        errors += text(submission.team, field: "team", name: "team", limit: SubmissionLimits.team, missing: nil)
        if !submission.anonymous {
            errors += text(submission.displayName, field: "display-name", name: "display name",
                           limit: SubmissionLimits.displayName,
                           missing: "Enter the name to show with your reflection, or choose to be anonymous")
        }

        if !submission.forum.isEmpty {
            if Month(submission.forum).map(forumMonths.contains) != true {
                errors.append(FieldError(field: "forum", message: "Select a forum month from the list, or ‘Not for a forum’"))
            }
        }

        errors += roiErrors(submission, table: vocabulary.unitCosts, allowances: allowances)

        if !submission.declaration {
            errors.append(FieldError(field: "declaration", message:
                "Confirm that you have removed anything that could identify a person who uses services"))
        }
        if errors.isEmpty { errors = asWritten(submission, vocabulary: vocabulary, allowances: allowances) }
        return errors
    }

    /// The fields checked one by one can still make an entry file that `check` refuses: the privacy guard reads
    /// the file's lines, so "born" in the display name sits beside a date in the team. The file is parsed as the
    /// publisher will parse it, and each problem becomes an error on the field that holds its text.
    static func asWritten(_ submission: Submission, vocabulary: Vocabulary,
                          allowances: [PrivacyAllowance]) -> [FieldError] {
        let day = Day(year: 2000, month: 1, day: 1)!
        let markdown = SubmissionDocument.markdown(submission, vocabulary: vocabulary, date: day, allowances: allowances)
        guard case .success(let location) = EntryLocation.parse("Content/\(submission.kind)/2000/submission.md",
                                                                 kinds: vocabulary.site.kinds.map(\.id)) else { return [] }
        let problems = EntryParser.parse(markdown, at: location, vocabulary: vocabulary).1
        var fields: [(field: String, name: String, text: String)] = [("title", "title", submission.title)]
        for (index, heading) in (vocabulary.site.kind(submission.kind)?.sections ?? []).enumerated()
        where index < submission.sections.count {
            fields.append(("section-\(index + 1)", "‘\(heading)’", submission.sections[index]))
        }
        fields += [("tags", "tags", submission.tags), ("team", "team", submission.team),
                   ("display-name", "display name", submission.displayName), ("paid-for", "what the money paid for", submission.paidFor)]
        var errors: [FieldError] = []
        for problem in problems {
            guard case .identifier(let kind, let text) = problem.reason else {
                errors.append(FieldError(field: "title", message: "This reflection cannot be published as it is: \(problem.reason.message)"))
                continue
            }
            let holder = fields.first { YAMLText.oneLine($0.text).contains(text) } ?? fields[0]
            let error = FieldError(field: holder.field, message:
                "Remove the \(kind) ‘\(text)’ from \(holder.name), or the text beside it: the site must not identify a person who uses services")
            if !errors.contains(error) { errors.append(error) }
        }
        return errors
    }

    /// The tags as typed, split at commas, trimmed, empty ones dropped.
    public static func tagList(_ tags: String) -> [String] {
        tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Required, length, control characters, then identifiers: one message per field, the first that applies.
    /// A single-line field is written on one line (`YAMLText.oneLine`): it is scanned that way, since an
    /// identifier's context (a date near "born") can change when its lines are joined.
    static func text(_ value: String, field: String, name: String, limit: Int, missing: String?,
                     singleLine: Bool = true, allowances: [PrivacyAllowance] = []) -> [FieldError] {
        if SubmissionDocument.clean(value).isEmpty {
            return missing.map { [FieldError(field: field, message: $0)] } ?? []
        }
        if value.count > limit {
            return [FieldError(field: field, message: "\(capitalised(name)) must be \(limit.formatted()) characters or fewer")]
        }
        if value.unicodeScalars.contains(where: isForbiddenControl) {
            return [FieldError(field: field, message: "\(capitalised(name)) must not contain control characters; retype it rather than pasting it")]
        }
        let findings = PrivacyGuard.unallowed(PrivacyGuard.scan(singleLine ? YAMLText.oneLine(value) : value),
                                              allowances: allowances)
        if let first = findings.first {
            let more = findings.count > 1 ? " (and \(findings.count - 1) more)" : ""
            return [FieldError(field: field, message:
                "Remove the \(first.kind.label) ‘\(first.text)’ from \(name)\(more): the site must not identify a person who uses services")]
        }
        return []
    }

    static func roiErrors(_ submission: Submission, table: UnitCostTable, allowances: [PrivacyAllowance]) -> [FieldError] {
        var errors: [FieldError] = []
        let cost = submission.cost.trimmingCharacters(in: .whitespaces)
        var rows = 0
        for (index, outcome) in submission.outcomes.enumerated() where !outcome.isBlank {
            rows += 1
            let number = index + 1
            if table.cost(outcome.code) == nil {
                errors.append(FieldError(field: "outcome-\(number)-code", message: "Select the outcome for row \(number)"))
            }
            let count = outcome.count.trimmingCharacters(in: .whitespaces)
            if count.isEmpty {
                errors.append(FieldError(field: "outcome-\(number)-count", message: "Enter how many times outcome \(number) was avoided or achieved"))
            } else if let value = ExactNumber.parse(count), value > 0, value <= SubmissionLimits.largestAmount {
                // fine
            } else {
                errors.append(FieldError(field: "outcome-\(number)-count", message: "Enter the count for outcome \(number) as a number greater than 0, like 3 or 1.5"))
            }
        }
        if !cost.isEmpty {
            let plain = cost.hasPrefix("£") ? String(cost.dropFirst()) : cost
            if let money = Money(parsing: plain.replacingOccurrences(of: ",", with: "")),
               money.pounds >= 0, money.pounds <= SubmissionLimits.largestAmount {
                if rows == 0 {
                    errors.append(FieldError(field: "outcome-1-code", message: "Select at least one outcome the money avoided or achieved, or leave the cost empty"))
                }
            } else {
                errors.append(FieldError(field: "cost", message: "Enter the cost in pounds, like 450 or 1250.50"))
            }
        } else if rows > 0 {
            errors.append(FieldError(field: "cost", message: "Enter what the work cost, in pounds, to go with its outcomes"))
        }
        errors += text(submission.paidFor, field: "paid-for", name: "what the money paid for",
                       limit: SubmissionLimits.paidFor, missing: nil, allowances: allowances)
        return errors
    }

    /// Control characters other than tab and line breaks: they have no place in a reflection and can hide text.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidirectional overrides
        default: return false
        }
    }

    static func capitalised(_ name: String) -> String {
        guard let first = name.first, first.isLetter else { return name }
        return first.uppercased() + name.dropFirst()
    }
}

extension Submission {
    /// Every free-text field with a name for people: where the privacy guard looks.
    public var textFields: [(name: String, text: String)] {
        var fields = [("Title", title)]
        for (index, text) in sections.enumerated() { fields.append(("Section \(index + 1)", text)) }
        fields += [("Tags", tags), ("Team", team), ("Shown as", displayName), ("Paid for", paidFor)]
        return fields
    }

    /// How many privacy findings no moderator has allowed yet.
    public func privacyFindingCount(allowances: [PrivacyAllowance]) -> Int {
        textFields.reduce(0) { $0 + PrivacyGuard.unallowed(PrivacyGuard.scan($1.text), allowances: allowances).count }
    }
}
