/// One reflection: an AAR, a Bright Spots story or peer-support notes, read from one Markdown file.
///
/// A value like any struct, but its fields live in one shared box that is copied only when a shared copy is
/// changed: builds pass tens of thousands of entries between stages and collections, and copying a box is one
/// reference count where copying the fields was nineteen.
public struct Entry: Sendable, Hashable {
    struct Fields: Sendable, Hashable {
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

    final class Storage: @unchecked Sendable {
        // Changed only through `Entry.change`, when this entry holds the only reference.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    public init(slug: String, file: String, kind: String, title: String, date: Day, author: String, team: String? = nil, tags: [String], principles: [String], summary: String, forum: Month? = nil, visibility: Visibility, draft: Bool, related: [String], roi: ROIBlock? = nil, body: String, bodyLine: Int, keyLines: [String: Int] = [:], privacyAllowed: [PrivacyAllowance] = []) {
        storage = Storage(Fields(slug: slug, file: file, kind: kind, title: title, date: date, author: author, team: team, tags: tags, principles: principles, summary: summary, forum: forum, visibility: visibility, draft: draft, related: related, roi: roi, body: body, bodyLine: bodyLine, keyLines: keyLines, privacyAllowed: privacyAllowed))
    }

    private mutating func change(_ update: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        update(&storage.fields)
    }

    /// The file name without `.md`; unique across the site and the last part of the entry's URL.
    public var slug: String {
        get { storage.fields.slug }
        set { change { $0.slug = newValue } }
    }
    /// Path relative to the project root, e.g. `Content/aar/2026/late-discharge.md`.
    public var file: String {
        get { storage.fields.file }
        set { change { $0.file = newValue } }
    }
    public var kind: String {
        get { storage.fields.kind }
        set { change { $0.kind = newValue } }
    }
    public var title: String {
        get { storage.fields.title }
        set { change { $0.title = newValue } }
    }
    public var date: Day {
        get { storage.fields.date }
        set { change { $0.date = newValue } }
    }
    /// A display name, or "anonymous".
    public var author: String {
        get { storage.fields.author }
        set { change { $0.author = newValue } }
    }
    public var team: String? {
        get { storage.fields.team }
        set { change { $0.team = newValue } }
    }
    /// Canonical tag slugs, in the order written, without repeats.
    public var tags: [String] {
        get { storage.fields.tags }
        set { change { $0.tags = newValue } }
    }
    public var principles: [String] {
        get { storage.fields.principles }
        set { change { $0.principles = newValue } }
    }
    /// Plain text: the `summary` key, else the body's first paragraph.
    public var summary: String {
        get { storage.fields.summary }
        set { change { $0.summary = newValue } }
    }
    /// The month of the Bright Spots forum where the entry is presented.
    public var forum: Month? {
        get { storage.fields.forum }
        set { change { $0.forum = newValue } }
    }
    public var visibility: Visibility {
        get { storage.fields.visibility }
        set { change { $0.visibility = newValue } }
    }
    public var draft: Bool {
        get { storage.fields.draft }
        set { change { $0.draft = newValue } }
    }
    public var related: [String] {
        get { storage.fields.related }
        set { change { $0.related = newValue } }
    }
    /// The intervention's cost and outcomes, for the ROI ledger.
    public var roi: ROIBlock? {
        get { storage.fields.roi }
        set { change { $0.roi = newValue } }
    }
    /// Markdown source of the body, after the front matter.
    public var body: String {
        get { storage.fields.body }
        set { change { $0.body = newValue } }
    }
    /// The file line the body starts on.
    public var bodyLine: Int {
        get { storage.fields.bodyLine }
        set { change { $0.bodyLine = newValue } }
    }
    /// The file line of each front matter key, for problems found after parsing (e.g. unknown related slugs).
    public var keyLines: [String: Int] {
        get { storage.fields.keyLines }
        set { change { $0.keyLines = newValue } }
    }
    /// Findings of the privacy guard that a moderator judged are not identifiers (`privacy_allowed:`).
    public var privacyAllowed: [PrivacyAllowance] {
        get { storage.fields.privacyAllowed }
        set { change { $0.privacyAllowed = newValue } }
    }

    public static func == (lhs: Entry, rhs: Entry) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

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
