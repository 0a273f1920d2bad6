import Foundation
import BrightspotsCore
import Markdown

/// What must hold for any input, checked by the libFuzzer target (`make fuzz`) and by the seeded tests in
/// `swift test`. Each function returns the broken invariants, worded for a person; empty means all held.
public enum Invariants {
    public static let entryFile = "Content/aar/2026/fuzz-entry.md"
    /// Separates the fields of a submission in a fuzz input (a control character, so never inside a valid field).
    public static let fieldSeparator: Character = "\u{1E}"

    /// Every check over one input: as a Markdown body, as an entry file, and as a submission's fields.
    public static func check(_ bytes: some Collection<UInt8>) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        return markdown(text) + entry(text) + submission(submission(fromFields: text))
    }

    /// Rendering never fails and never gives markup that could run script or load from another scheme.
    public static func markdown(_ source: String) -> [String] {
        HTMLSafety.violations(inBody: Markdown.html(from: source)).map { "Markdown rendered \($0)" }
    }

    /// The front matter split is a partition of the text; the parser gives an entry or problems, never both nor
    /// neither; every problem names the file and a line inside it; an entry's body renders inert.
    public static func entry(_ text: String, file: String = entryFile) -> [String] {
        var broken: [String] = []
        // Lines as an editor counts them: "\n", "\r\n" and a lone "\r" (which YAML also reads as a line break).
        let bytes = Array(text.utf8)
        let lineCount = 1 + bytes.indices.filter {
            bytes[$0] == UInt8(ascii: "\n") || bytes[$0] == UInt8(ascii: "\r") && bytes.dropFirst($0 + 1).first != UInt8(ascii: "\n")
        }.count
        if case .success(let parts) = FrontMatter.split(text, file: file) {
            let all = Array(text.utf8)
            if !all.starts(with: Array("---".utf8)) && !all.starts(with: Array("\u{FEFF}---".utf8)) {
                broken.append("front matter found in a file that does not open with ---")
            }
            if !all.reversed().starts(with: Array(parts.body.utf8).reversed()) {
                broken.append("the body is not the end of the file")
            }
            if parts.bodyLine < 3 || parts.bodyLine > lineCount + 1 {
                broken.append("body line \(parts.bodyLine) outside 3...\(lineCount + 1)")
            }
        }
        guard case .success(let location) = EntryLocation.parse(file, kinds: FuzzVocabulary.kindIDs) else {
            return broken + ["the entry location \(file) is invalid"]
        }
        let (entry, problems) = EntryParser.parse(text, at: location, vocabulary: FuzzVocabulary.vocabulary)
        if (entry == nil) == problems.isEmpty {
            broken.append(entry == nil ? "no entry and no problem" : "an entry and \(problems.count) problems")
        }
        for problem in problems {
            if problem.file != file { broken.append("a problem names \(problem.file), not \(file)") }
            if let line = problem.line, !(1...(lineCount + 1)).contains(line) {
                broken.append("a problem on line \(line) of a \(lineCount)-line file: \(problem)")
            }
            if problem.reason.message.isEmpty { broken.append("a problem with no message on line \(problem.line ?? 0)") }
        }
        if let entry {
            if entry.slug != location.slug || entry.kind != location.kindFolder {
                broken.append("the entry's slug or kind is not its file's")
            }
            broken += markdown(entry.body)
        }
        return broken
    }

    /// A submission the form would accept becomes an entry file that parses with no problem, keeps its title and
    /// author, and renders inert.
    public static func submission(_ submission: Submission) -> [String] {
        let vocabulary = FuzzVocabulary.vocabulary
        let errors = SubmissionCheck.errors(submission, vocabulary: vocabulary, forumMonths: [])
        guard errors.isEmpty else {
            return errors.filter { $0.message.isEmpty || $0.field.isEmpty }.map { "an empty field error: \($0)" }
        }
        let markdown = SubmissionDocument.markdown(submission, vocabulary: vocabulary, date: Day(year: 2026, month: 5, day: 1)!)
        let file = "Content/\(submission.kind)/2026/fuzz-entry.md"
        guard case .success(let location) = EntryLocation.parse(file, kinds: FuzzVocabulary.kindIDs) else {
            return ["the entry location \(file) is invalid"]
        }
        let (entry, problems) = EntryParser.parse(markdown, at: location, vocabulary: vocabulary)
        guard let entry else {
            return ["an accepted submission gave an entry with problems: \(problems.map(\.description))"]
        }
        var broken: [String] = []
        if entry.title != oneLine(submission.title) {
            broken.append("the title \(String(reflecting: oneLine(submission.title))) came back as \(String(reflecting: entry.title))")
        }
        // A name spelled as YAML's null is read as no name (a known issue, see SubmissionDocumentTests).
        let name = oneLine(submission.displayName)
        let author = submission.anonymous || ["", "~", "null"].contains(name) ? "anonymous" : name
        if entry.author != author {
            broken.append("the author \(String(reflecting: author)) came back as \(String(reflecting: entry.author))")
        }
        return broken + self.markdown(entry.body)
    }

    /// A submission from fields separated by U+001E: title, four sections, tags, team, display name, what the
    /// money paid for, cost, count; fields not given are filled with valid text.
    public static func submission(fromFields text: String) -> Submission {
        let fields = text.split(separator: fieldSeparator, omittingEmptySubsequences: false).map(String.init)
        func field(_ index: Int, _ fallback: String) -> String { index < fields.count ? fields[index] : fallback }
        let count = field(10, "")
        return Submission(kind: "aar", title: field(0, "A title"),
                          sections: (1...4).map { field($0, "An answer.") }, tags: field(5, "outreach"),
                          team: field(6, ""), displayName: field(7, "Sam Tester"), anonymous: field(7, "x").isEmpty,
                          cost: field(9, ""), paidFor: field(8, ""),
                          outcomes: count.isEmpty ? [] : [SubmittedOutcome(code: "ae-attendance", count: count)],
                          declaration: true)
    }

    /// A single-line field as the entry file keeps it: line breaks and tabs as spaces, trimmed as the entry
    /// parser trims, and of U+FEFF.
    static func oneLine(_ text: String) -> String {
        let scalars = YAMLText.oneLine(text).unicodeScalars
        let kept = { (scalar: Unicode.Scalar) in !scalar.properties.isWhitespace && scalar != "\u{FEFF}" }
        guard let first = scalars.firstIndex(where: kept), let last = scalars.lastIndex(where: kept) else { return "" }
        return String(scalars[first...last])
    }
}
