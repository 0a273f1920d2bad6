/// What an entry is checked against: the site's kinds, the principles and the tag vocabulary.
public struct Vocabulary: Sendable, Hashable {
    public var site: SiteConfig
    public var principles: PrincipleCatalog
    public var tags: TagVocabulary
    public var unitCosts: UnitCostTable

    public init(site: SiteConfig, principles: PrincipleCatalog, tags: TagVocabulary,
                unitCosts: UnitCostTable = UnitCostTable()) {
        self.site = site
        self.principles = principles
        self.tags = tags
        self.unitCosts = unitCosts
    }
}

/// Parses one entry file's text. Pure: the caller reads the file.
public enum EntryParser {
    public static let keys = ["title", "date", "kind", "author", "team", "tags", "principles", "summary",
                              "forum", "visibility", "draft", "related", "roi", PrivacyAllowanceParser.key]
    /// Summaries taken from the first paragraph are cut to this many characters.
    static let summaryLimit = 280

    /// Every problem in the file is returned; the entry only when there are none.
    public static func parse(_ text: String, at location: EntryLocation,
                             vocabulary: Vocabulary) -> (Entry?, [Problem]) {
        let file = location.file
        let parts: FrontMatter
        let document: YAMLValue?
        switch FrontMatter.read(text, file: file) {
        case .success(let read): (parts, document) = read
        case .failure(let problem): return (nil, [problem])
        }
        var reader = FieldReader(file: file)
        guard let document, let pairs = reader.mapping(document, what: "the front matter") else {
            if document == nil {
                reader.report(2, .missingKey("title"))
                reader.report(2, .missingKey("date"))
            }
            return (nil, reader.problems)
        }
        reader.checkKeys(pairs, allowed: keys)
        for key in ["title", "date"] where document[key] == nil { reader.report(2, .missingKey(key)) }

        let title = reader.text(document["title"], key: "title", required: true)
        let date = readDate(document["date"], location: location, reader: &reader)
        let kind = readKind(document["kind"], location: location, site: vocabulary.site, reader: &reader)
        let definition = vocabulary.site.kind(kind)

        var visibility = definition?.visibility ?? .public
        if let raw = reader.text(document["visibility"], key: "visibility") {
            if let parsed = Visibility(rawValue: raw.lowercased()) { visibility = parsed }
            else { reader.report(document["visibility"]?.line, .invalidVisibility(raw)) }
        }
        var forum: Month?
        if let raw = reader.text(document["forum"], key: "forum") {
            forum = Month(raw)
            if forum == nil { reader.report(document["forum"]?.line, .invalidMonth(key: "forum", value: raw)) }
        }

        var tags: [String] = []
        for written in reader.list(document["tags"], key: "tags") {
            guard let tag = vocabulary.tags.canonical(written.text) else {
                reader.report(written.line, .invalidTag(written.text))
                continue
            }
            if !tags.contains(tag) { tags.append(tag) }
        }
        var principles: [String] = []
        for written in reader.list(document["principles"], key: "principles") {
            let slug = written.text.lowercased()
            if vocabulary.principles.principle(slug) == nil {
                reader.report(written.line, .unknownPrinciple(
                    written.text, suggestion: Suggestion.nearest(to: slug, in: vocabulary.principles.slugs)))
            } else if !principles.contains(slug) {
                principles.append(slug)
            }
        }
        let draft = reader.bool(document["draft"], key: "draft") ?? false
        let roi = document["roi"].flatMap { ROIParser.parse($0, table: vocabulary.unitCosts, reader: &reader) }
        let author = reader.text(document["author"], key: "author") ?? "anonymous"
        let team = reader.text(document["team"], key: "team")
        var related: [String] = []
        for written in reader.list(document["related"], key: "related") where !related.contains(written.text) {
            related.append(written.text)
        }

        for gap in Sections.gaps(required: definition?.sections ?? [], in: parts.body) {
            if let written = gap.misspelling {
                reader.report(parts.bodyLine + written.line - 1, .missingSection(gap.missing, written: written.text))
            } else {
                reader.report(parts.bodyLine, .missingSection(gap.missing, written: nil))
            }
        }

        // Identifiers of people who use services, anywhere in the file, unless a moderator allowed them.
        let allowances = PrivacyAllowanceParser.parse(document[PrivacyAllowanceParser.key], reader: &reader)
        PrivacyAllowanceParser.check(text, pairs: pairs, frontMatterEnd: parts.bodyLine - 1,
                                     allowances: allowances, reader: &reader)

        let summary = reader.text(document["summary"], key: "summary").map(PlainText.from(markdown:))
            ?? PlainText.firstParagraph(of: parts.body).map {
                PlainText.truncate(PlainText.from(markdown: $0), limit: summaryLimit)
            } ?? ""

        guard reader.problems.isEmpty, let title, let date, definition != nil else { return (nil, reader.problems) }
        let entry = Entry(
            slug: location.slug, file: file, kind: kind, title: title, date: date,
            author: author, team: team,
            tags: tags, principles: principles, summary: summary, forum: forum,
            visibility: visibility, draft: draft,
            related: related, roi: roi, body: parts.body, bodyLine: parts.bodyLine,
            keyLines: Dictionary(pairs.map { ($0.key, $0.keyLine) }, uniquingKeysWith: { first, _ in first }),
            privacyAllowed: allowances)
        return reader.problems.isEmpty ? (entry, []) : (nil, reader.problems)
    }

    private static func readDate(_ value: YAMLValue?, location: EntryLocation, reader: inout FieldReader) -> Day? {
        guard let raw = reader.text(value, key: "date", required: true) else { return nil }
        guard let day = Day(raw) else {
            reader.report(value?.line, .invalidDate(raw))
            return nil
        }
        if String(day.year) != location.yearFolder {
            reader.report(value?.line, .yearFolderMismatch(folder: location.yearFolder, date: day.description))
        }
        return day
    }

    private static func readKind(_ value: YAMLValue?, location: EntryLocation, site: SiteConfig,
                                 reader: inout FieldReader) -> String {
        guard let declared = reader.text(value, key: "kind") else { return location.kindFolder }
        let kindIDs = site.kinds.map(\.id)
        if !kindIDs.contains(declared) {
            reader.report(value?.line, .unknownKind(declared, suggestion: Suggestion.nearest(to: declared, in: kindIDs)))
        } else if declared != location.kindFolder {
            reader.report(value?.line, .kindContradictsFolder(declared: declared, folder: location.kindFolder))
        }
        return location.kindFolder
    }
}

extension String {
    var replacingCRLF: String {
        split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
    }
}
