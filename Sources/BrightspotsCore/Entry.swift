/// One reflection: an AAR, a Bright Spots story or peer-support notes, read from one Markdown file.
///
/// Its fields are held in one shared box, copied only when a copy is changed (copy on write): a build passes
/// entries around and copies them in many places (lists, related entries, the ROI ledgers), and copying nineteen
/// fields one by one, each string and list retained and later released, was about 2 % of a build's time; a copy
/// is now one retain.
public struct Entry: Sendable, Hashable {
    private struct Fields: Sendable, Hashable {
        var slug: String
        var file: String
        var kind: String
        var title: String
        var date: Day
        var author: String
        var team: String?
        var tags: [String]
        var principles: [String]
        var summary: String
        var forum: Month?
        var visibility: Visibility
        var draft: Bool
        var related: [String]
        var roi: ROIBlock?
        var body: String
        var bodyLine: Int
        var keyLines: [String: Int]
        var privacyAllowed: [PrivacyAllowance]
    }

    private final class Box: @unchecked Sendable {
        // Only changed through `change(_:)`, when this box is not shared.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(slug: String, file: String, kind: String, title: String, date: Day, author: String, team: String?,
                tags: [String], principles: [String], summary: String, forum: Month?, visibility: Visibility,
                draft: Bool, related: [String], roi: ROIBlock?, body: String, bodyLine: Int,
                keyLines: [String: Int] = [:], privacyAllowed: [PrivacyAllowance] = []) {
        box = Box(Fields(slug: slug, file: file, kind: kind, title: title, date: date, author: author, team: team,
                         tags: tags, principles: principles, summary: summary, forum: forum, visibility: visibility,
                         draft: draft, related: related, roi: roi, body: body, bodyLine: bodyLine,
                         keyLines: keyLines, privacyAllowed: privacyAllowed))
    }

    private mutating func change(_ body: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        body(&box.fields)
    }

    public static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.box === rhs.box || lhs.box.fields == rhs.box.fields }
    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }

    /// The file name without `.md`; unique across the site and the last part of the entry's URL.
    public var slug: String {
        get { box.fields.slug }
        set { change { $0.slug = newValue } }
    }
    /// Path relative to the project root, e.g. `Content/aar/2026/late-discharge.md`.
    public var file: String {
        get { box.fields.file }
        set { change { $0.file = newValue } }
    }
    public var kind: String {
        get { box.fields.kind }
        set { change { $0.kind = newValue } }
    }
    public var title: String {
        get { box.fields.title }
        set { change { $0.title = newValue } }
    }
    public var date: Day {
        get { box.fields.date }
        set { change { $0.date = newValue } }
    }
    /// A display name, or "anonymous".
    public var author: String {
        get { box.fields.author }
        set { change { $0.author = newValue } }
    }
    public var team: String? {
        get { box.fields.team }
        set { change { $0.team = newValue } }
    }
    /// Canonical tag slugs, in the order written, without repeats.
    public var tags: [String] {
        get { box.fields.tags }
        set { change { $0.tags = newValue } }
    }
    public var principles: [String] {
        get { box.fields.principles }
        set { change { $0.principles = newValue } }
    }
    /// Plain text: the `summary` key, else the body's first paragraph.
    public var summary: String {
        get { box.fields.summary }
        set { change { $0.summary = newValue } }
    }
    /// The month of the Bright Spots forum where the entry is presented.
    public var forum: Month? {
        get { box.fields.forum }
        set { change { $0.forum = newValue } }
    }
    public var visibility: Visibility {
        get { box.fields.visibility }
        set { change { $0.visibility = newValue } }
    }
    public var draft: Bool {
        get { box.fields.draft }
        set { change { $0.draft = newValue } }
    }
    public var related: [String] {
        get { box.fields.related }
        set { change { $0.related = newValue } }
    }
    /// The intervention's cost and outcomes, for the ROI ledger.
    public var roi: ROIBlock? {
        get { box.fields.roi }
        set { change { $0.roi = newValue } }
    }
    /// Markdown source of the body, after the front matter.
    public var body: String {
        get { box.fields.body }
        set { change { $0.body = newValue } }
    }
    /// The file line the body starts on.
    public var bodyLine: Int {
        get { box.fields.bodyLine }
        set { change { $0.bodyLine = newValue } }
    }
    /// The file line of each front matter key, for problems found after parsing (e.g. unknown related slugs).
    public var keyLines: [String: Int] {
        get { box.fields.keyLines }
        set { change { $0.keyLines = newValue } }
    }
    /// Findings of the privacy guard that a moderator judged are not identifiers (`privacy_allowed:`).
    public var privacyAllowed: [PrivacyAllowance] {
        get { box.fields.privacyAllowed }
        set { change { $0.privacyAllowed = newValue } }
    }

    public var isAnonymous: Bool { author.lowercased() == "anonymous" }
}

/// Where an entry's file sits: `Content/<kind>/<yyyy>/<slug>.md`.
public struct EntryLocation: Sendable, Hashable {
    public var file: String
    public var kindFolder: String
    public var yearFolder: String
    public var slug: String

    /// `file` is relative to the project root and starts with `Content/`.
    public static func parse(_ file: String, kinds: [String]) -> Result<EntryLocation, Problem> {
        let parts = file.split(separator: "/").map(String.init)
        guard parts.count == 4, parts[0] == "Content", kinds.contains(parts[1]),
              parts[2].count == 4, parts[2].allSatisfy(\.isNumber), parts[3].hasSuffix(".md") else {
            return .failure(Problem(file: file, .misplacedFile(kinds: kinds)))
        }
        let slug = String(parts[3].dropLast(3))
        guard Slug.isValid(slug) else { return .failure(Problem(file: file, .invalidSlug(slug))) }
        return .success(EntryLocation(file: file, kindFolder: parts[1], yearFolder: parts[2], slug: slug))
    }
}
