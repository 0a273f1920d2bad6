/// One reflection: an AAR, a Bright Spots story or peer-support notes, read from one Markdown file.
public struct Entry: Sendable, Hashable {
    /// The file name without `.md`; unique across the site and the last part of the entry's URL.
    public var slug: String
    /// Path relative to the project root, e.g. `Content/aar/2026/late-discharge.md`.
    public var file: String
    public var kind: String
    public var title: String
    public var date: Day
    /// A display name, or "anonymous".
    public var author: String
    public var team: String?
    /// Canonical tag slugs, in the order written, without repeats.
    public var tags: [String]
    public var principles: [String]
    /// Plain text: the `summary` key, else the body's first paragraph.
    public var summary: String
    /// The month of the Bright Spots forum where the entry is presented.
    public var forum: Month?
    public var visibility: Visibility
    public var draft: Bool
    public var related: [String]
    /// The intervention's cost and outcomes, for the ROI ledger.
    public var roi: ROIBlock?
    /// Markdown source of the body, after the front matter.
    public var body: String
    /// The file line the body starts on.
    public var bodyLine: Int
    /// The file line of each front matter key, for problems found after parsing (e.g. unknown related slugs).
    public var keyLines: [String: Int] = [:]
    /// Findings of the privacy guard that a moderator judged are not identifiers (`privacy_allowed:`).
    public var privacyAllowed: [PrivacyAllowance] = []

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
