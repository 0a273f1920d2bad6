/// A problem a user can fix: where it is, what is wrong, and how to fix it.
/// Tests compare problems as values; the wording lives in `message` and `hint` only.
public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Path relative to the project root, e.g. `Content/aar/2026/late-discharge.md`.
    public var file: String
    /// 1-based line in `file`, when the problem has one.
    public var line: Int?
    public var reason: Reason

    public init(file: String, line: Int? = nil, _ reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var location: String { line.map { "\(file):\($0)" } ?? file }
    public var description: String { "\(location): \(reason.message)" }
}

extension Problem: Comparable {
    /// Problems sort by file, then line, so a report reads top to bottom.
    public static func < (lhs: Problem, rhs: Problem) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.line != rhs.line { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return lhs.reason.message < rhs.reason.message
    }
}

extension Problem {
    public enum Reason: Hashable, Sendable {
        // Reading files
        case unreadableFile(String)
        case notUTF8
        case misplacedFile(kinds: [String])
        case yearFolderMismatch(folder: String, date: String)
        case invalidSlug(String)
        // Front matter and YAML
        case missingFrontMatter
        case unterminatedFrontMatter
        case invalidYAML(String)
        case notAMapping(what: String)
        case missingKey(String)
        case unknownKey(String, allowed: [String], suggestion: String?)
        case wrongType(key: String, expected: String)
        case emptyValue(key: String)
        case invalidDate(String)
        case invalidMonth(key: String, value: String)
        case invalidBool(key: String, value: String)
        case invalidNumber(key: String, value: String)
        case unknownKind(String, suggestion: String?)
        case kindContradictsFolder(declared: String, folder: String)
        case invalidVisibility(String)
        case unknownPrinciple(String, suggestion: String?)
        case invalidTag(String)
        /// `written` is a heading that looks like a misspelling of the required one.
        case missingSection(String, written: String?)
        // Across entries
        case duplicateSlug(String, otherFile: String)
        case unknownRelated(String, suggestion: String?)
        case relatedToSelf(String)
        // Configuration files
        case duplicateName(what: String, name: String)
        case unknownPriority(Int)
        case missingFile
        // Return on investment
        case unknownOutcomeCode(String, suggestion: String?)
        case invalidCount(String)
        case invalidPercentage(key: String, value: String)
        case invalidMoney(key: String, value: String)
        case costWithoutOutcomes
        case invalidValueType(String)
        case invalidRating(String)
        // Forum editions and links
        case invalidEditionName(String)
        case editionDateOutsideMonth(date: String, month: String)
        case invalidTime(key: String, value: String)
        case endBeforeStart
        case invalidLink(key: String, value: String)
        case unknownAgendaEntry(String, suggestion: String?)
        case agendaEntryForumMismatch(String, entryForum: String?)
        case missingEdition(month: String)
        case unknownWikiLink(String, suggestion: String?)
        // Themes
        case invalidTemplate(String)
        case missingTemplate(String)
        // Privacy
        /// Text that looks like an identifier of a person who uses services. `kind` is the finding's label
        /// ("NHS number"), `text` the text as written.
        case identifier(kind: String, text: String)
    }
}

extension Problem.Reason {
    /// What is wrong, in a sentence.
    public var message: String {
        switch self {
        case .unreadableFile(let why): return "the file cannot be read (\(why))."
        case .notUTF8: return "the file is not valid UTF-8 text."
        case .misplacedFile(let kinds):
            return "this file is not in a kind's folder (\(kinds.joined(separator: ", ")))."
        case .yearFolderMismatch(let folder, let date):
            return "the file is in the folder \"\(folder)\" but is dated \(date)."
        case .invalidSlug(let slug):
            return "the file name \"\(slug)\" is not a valid slug."
        case .missingFrontMatter: return "the file does not start with front matter (a line \"---\")."
        case .unterminatedFrontMatter: return "the front matter is not closed by a line \"---\"."
        case .invalidYAML(let detail): return "the YAML cannot be read: \(detail)."
        case .notAMapping(let what): return "\(what) must be a set of \"key: value\" lines."
        case .missingKey(let key): return "the required key \"\(key)\" is missing."
        case .unknownKey(let key, _, _): return "unknown key \"\(key)\"."
        case .wrongType(let key, let expected): return "\"\(key)\" must be \(expected)."
        case .emptyValue(let key): return "\"\(key)\" is empty."
        case .invalidDate(let value): return "\"\(value)\" is not a date in the form YYYY-MM-DD."
        case .invalidMonth(let key, let value): return "\(key) \"\(value)\" is not a month in the form YYYY-MM."
        case .invalidBool(let key, let value): return "\(key) \"\(value)\" is not true or false."
        case .invalidNumber(let key, let value): return "\(key) \"\(value)\" is not a whole number."
        case .unknownKind(let kind, _): return "unknown kind \"\(kind)\"."
        case .kindContradictsFolder(let declared, let folder):
            return "kind \"\(declared)\" contradicts the folder \"\(folder)\" the file is in."
        case .invalidVisibility(let value): return "visibility \"\(value)\" is not public, internal or private."
        case .unknownPrinciple(let slug, _): return "unknown principle \"\(slug)\"."
        case .invalidTag(let tag): return "the tag \"\(tag)\" has no letters or digits."
        case .missingSection(let heading, _): return "the required section \"## \(heading)\" is missing."
        case .duplicateSlug(let slug, let other): return "the slug \"\(slug)\" is also used by \(other)."
        case .unknownRelated(let slug, _): return "related entry \"\(slug)\" does not exist."
        case .relatedToSelf(let slug): return "the entry lists itself (\"\(slug)\") as related."
        case .duplicateName(let what, let name): return "the \(what) \"\(name)\" is defined twice."
        case .unknownPriority(let number): return "priority \(number) is not one of the priorities listed."
        case .missingFile: return "this file is missing."
        case .unknownOutcomeCode(let code, _): return "unknown outcome code \"\(code)\"."
        case .invalidCount(let value): return "count \"\(value)\" is not a number of zero or more."
        case .invalidPercentage(let key, let value): return "\(key) \"\(value)\" is not a percentage from 0 to 100."
        case .invalidMoney(let key, let value): return "\(key) \"\(value)\" is not an amount in pounds."
        case .costWithoutOutcomes: return "roi gives a cost but no outcomes."
        case .invalidValueType(let value): return "value_type \"\(value)\" is not fiscal, economic or social."
        case .invalidRating(let value): return "rating \"\(value)\" is not green, amber or red."
        case .invalidEditionName(let name): return "the forum edition file \"\(name)\" is not named after its month."
        case .editionDateOutsideMonth(let date, let month): return "the date \(date) is not in \(month)."
        case .invalidTime(let key, let value): return "\(key) \"\(value)\" is not a time like 14:00."
        case .endBeforeStart: return "the end time is not after the start time."
        case .invalidLink(let key, let value): return "\(key) \"\(value)\" is not an http or https link."
        case .unknownAgendaEntry(let slug, _): return "the agenda lists \"\(slug)\", which is not an entry."
        case .agendaEntryForumMismatch(let slug, let forum):
            return "the agenda lists \"\(slug)\", whose forum is " + (forum.map { "\($0)" } ?? "not set") + "."
        case .missingEdition(let month): return "the forum \(month) has no edition file."
        case .unknownWikiLink(let slug, _): return "the link [[\(slug)]] names no entry."
        case .invalidTemplate(let detail): return "the template cannot be read: \(detail)."
        case .missingTemplate(let name): return "the theme has no template \"\(name).mustache\"."
        case .identifier(let kind, let text):
            return "possible \(kind) \"\(text)\" (could identify a person who uses services)."
        }
    }

    /// How to fix it, when there is something specific to say.
    public var hint: String? {
        switch self {
        case .unreadableFile: return "Check the file's permissions."
        case .notUTF8: return "Save the file as UTF-8."
        case .misplacedFile: return "Move it to Content/<kind>/<yyyy>/<slug>.md."
        case .yearFolderMismatch(_, let date):
            return "Move the file to the folder for \(date.prefix(4)), or correct the date."
        case .invalidSlug:
            return "Rename the file using lower-case letters, digits and hyphens, e.g. library-outreach.md."
        case .missingFrontMatter, .unterminatedFrontMatter:
            return "Start the file with \"---\", the front matter lines (title, date…), then \"---\"."
        case .invalidYAML:
            return "Check indentation, brackets and quoting on this line and the one before; put a value containing \": \" in quotes."
        case .notAMapping: return "Write one \"key: value\" per line."
        case .missingKey(let key): return "Add a line \"\(key): …\" to the front matter."
        case .unknownKey(_, let allowed, let suggestion):
            if let suggestion { return "Did you mean \"\(suggestion)\"?" }
            return "Allowed keys: \(allowed.joined(separator: ", "))."
        case .wrongType(let key, let expected): return "Write \(key) as \(expected)."
        case .emptyValue(let key): return "Give \(key) a value, or remove the line."
        case .invalidDate: return "Write the date like 2026-09-14."
        case .invalidMonth: return "Write the month like 2026-09."
        case .invalidBool: return "Write true or false."
        case .invalidNumber: return "Write a whole number, e.g. 3."
        case .unknownKind(_, let suggestion), .unknownPrinciple(_, let suggestion),
             .unknownRelated(_, let suggestion):
            if let suggestion { return "Did you mean \"\(suggestion)\"?" }
            switch self {
            case .unknownKind: return "Use one of the kinds in Content/site.yaml."
            case .unknownPrinciple: return "Use one of the slugs in Content/principles.yaml."
            default: return "Use the file name (without .md) of an existing entry."
            }
        case .kindContradictsFolder(_, let folder):
            return "Remove the kind line (the folder sets it), or move the file out of \(folder)/."
        case .invalidVisibility: return "Use public, internal or private."
        case .invalidTag: return "Use a word or short phrase, e.g. housing."
        case .missingSection(let heading, let written?):
            return "Did you mean \"## \(written)\"? Rename it to \"## \(heading)\"."
        case .missingSection(let heading, nil):
            return "Add a line \"## \(heading)\" followed by what you have to say (case and a trailing ? do not matter)."
        case .duplicateSlug: return "Rename one of the two files: slugs must be unique across the site."
        case .relatedToSelf: return "Remove it from related."
        case .duplicateName: return "Keep one definition."
        case .unknownPriority: return "Add the priority to the priorities list, or correct the number."
        case .missingFile: return "Create it; see README.md for its format."
        case .unknownOutcomeCode(_, let suggestion?): return "Did you mean \"\(suggestion)\"?"
        case .unknownOutcomeCode: return "Use a code from Content/unit-costs.yaml, or add the outcome there with its source."
        case .invalidCount: return "Write how many times the outcome was avoided or achieved, e.g. 3 or 1.5."
        case .invalidPercentage: return "Write a number from 0 to 100, e.g. 25 (or leave it out for the site's default)."
        case .invalidMoney: return "Write pounds and pence without a sign, e.g. 450 or 1250.50."
        case .costWithoutOutcomes:
            return "Add the outcomes the money avoided or achieved under outcomes:, each as {code, count}."
        case .invalidValueType: return "Use fiscal, economic or social."
        case .invalidRating: return "Use green, amber or red, as the source rates the figure."
        case .invalidEditionName: return "Name the file after the forum's month, e.g. Content/forum/2026-09.md."
        case .editionDateOutsideMonth(_, let month): return "Give a date in \(month), or rename the file."
        case .invalidTime: return "Write the time on the 24-hour clock, e.g. 09:30 or 14:00."
        case .endBeforeStart: return "Correct start or end, or leave end out."
        case .invalidLink: return "Write the full address, e.g. https://meet.example.org/bright-spots."
        case .unknownAgendaEntry(_, let suggestion?): return "Did you mean \"\(suggestion)\"?"
        case .unknownAgendaEntry: return "Use the file name (without .md) of an entry."
        case .agendaEntryForumMismatch: return "Set that entry's forum to this month, or remove it from the agenda."
        case .missingEdition(let month):
            return "Add Content/forum/\(month).md with the forum's date, start time and place, or correct the month."
        case .unknownWikiLink(_, let suggestion?): return "Did you mean [[\(suggestion)]]?"
        case .unknownWikiLink: return "Use the file name (without .md) of an existing entry, e.g. [[library-outreach]]."
        case .invalidTemplate: return "Check that every {{#section}} has a matching {{/section}}."
        case .missingTemplate(let name):
            return "Add templates/\(name).mustache to the theme, or use a theme that has it (Themes/default)."
        case .identifier(_, let text):
            return "Remove it. If a moderator judges it is not an identifier, add it to privacy_allowed in the front "
                + "matter with who allowed it and why: - {text: \(PrivacyAllowanceParser.quoted(text)), allowed_by: …, reason: …}"
        }
    }
}
