/// Who may see an entry. Drafts and private entries are never published; internal ones only to staff.
public enum Visibility: String, Sendable, Hashable, CaseIterable {
    case `public`, `internal`, `private`
}

/// A kind of entry (AAR, Bright Spot, peer-support notes) as the site configuration defines it.
public struct KindDefinition: Sendable, Hashable {
    public var id: String
    public var label: String
    public var plural: String
    /// The URL folder of the kind's section, e.g. `bright-spots`.
    public var section: String
    public var description: String
    public var visibility: Visibility
    /// The `##` sections every entry of the kind must have, in order.
    public var sections: [String]
}

/// `Content/site.yaml`: the site's title and address, and the kinds of entry it holds.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var tagline: String
    public var description: String
    /// Absolute URL ending in "/", used by feeds and the sitemap.
    public var baseURL: String
    public var language: String
    public var homeLatest: Int
    public var relatedLimit: Int
    /// Entries per page on section, tag and principle pages.
    public var pageSize: Int = 10
    public var kinds: [KindDefinition]
    /// Deadweight and attribution used where an entry's roi block does not give them.
    public var roiDefaults: ROIDefaults = ROIDefaults()

    public func kind(_ id: String) -> KindDefinition? { kinds.first { $0.id == id } }

    static let keys = ["title", "tagline", "description", "base_url", "language", "home_latest",
                       "related_limit", "page_size", "kinds", "roi"]
    static let kindKeys = ["label", "plural", "section", "description", "visibility", "sections"]

    /// Parses the text of site.yaml; every problem found is returned, with the config when it is usable.
    public static func parse(_ text: String, file: String) -> (SiteConfig?, [Problem]) {
        var reader = FieldReader(file: file)
        let document: YAMLValue?
        switch YAMLDocument.parse(text, file: file) {
        case .success(let value): document = value
        case .failure(let problem): return (nil, [problem])
        }
        guard let document, let pairs = reader.mapping(document, what: "site.yaml") else {
            if document == nil { reader.report(1, .missingKey("title")) }
            return (nil, reader.problems)
        }
        reader.checkKeys(pairs, allowed: keys)
        let title = reader.text(document["title"], key: "title", required: true)
        if document["title"] == nil { reader.report(1, .missingKey("title")) }
        var baseURL = reader.text(document["base_url"], key: "base_url") ?? "http://127.0.0.1:8080/"
        if !baseURL.hasSuffix("/") { baseURL += "/" }

        var kinds: [KindDefinition] = []
        if let kindsValue = document["kinds"], let kindPairs = reader.mapping(kindsValue, what: "kinds") {
            for pair in kindPairs {
                if kinds.contains(where: { $0.id == pair.key }) {
                    reader.report(pair.keyLine, .duplicateName(what: "kind", name: pair.key))
                    continue
                }
                if !Slug.isValid(pair.key) { reader.report(pair.keyLine, .invalidSlug(pair.key)) }
                if let kind = parseKind(id: pair.key, pair.value, reader: &reader) { kinds.append(kind) }
            }
        } else if document["kinds"] == nil {
            reader.report(1, .missingKey("kinds"))
        }
        var roiDefaults = ROIDefaults()
        if let roi = document["roi"], let roiPairs = reader.mapping(roi, what: "roi") {
            reader.checkKeys(roiPairs, allowed: ["deadweight", "attribution"])
            roiDefaults.deadweight = ROIParser.percentage(roi["deadweight"], key: "deadweight", reader: &reader) ?? 0
            roiDefaults.attribution = ROIParser.percentage(roi["attribution"], key: "attribution", reader: &reader) ?? 0
        }
        guard let title, reader.problems.isEmpty else { return (nil, reader.problems) }
        var config = SiteConfig(
            title: title,
            tagline: reader.text(document["tagline"], key: "tagline") ?? "",
            description: reader.text(document["description"], key: "description") ?? "",
            baseURL: baseURL,
            language: reader.text(document["language"], key: "language") ?? "en-GB",
            homeLatest: reader.integer(document["home_latest"], key: "home_latest") ?? 5,
            relatedLimit: reader.integer(document["related_limit"], key: "related_limit") ?? 5,
            kinds: kinds)
        config.roiDefaults = roiDefaults
        config.pageSize = max(1, reader.integer(document["page_size"], key: "page_size") ?? 10)
        return reader.problems.isEmpty ? (config, []) : (nil, reader.problems)
    }

    private static func parseKind(id: String, _ value: YAMLValue, reader: inout FieldReader) -> KindDefinition? {
        guard let pairs = reader.mapping(value, what: "kind \"\(id)\"") else { return nil }
        reader.checkKeys(pairs, allowed: kindKeys)
        let label = reader.text(value["label"], key: "label", required: true)
        if value["label"] == nil { reader.report(value.line, .missingKey("label")) }
        var visibility = Visibility.public
        if let raw = reader.text(value["visibility"], key: "visibility") {
            if let parsed = Visibility(rawValue: raw) { visibility = parsed }
            else { reader.report(value["visibility"]?.line, .invalidVisibility(raw)) }
        }
        let section = reader.text(value["section"], key: "section") ?? id
        if !Slug.isValid(section) { reader.report(value["section"]?.line, .invalidSlug(section)) }
        let sections = reader.list(value["sections"], key: "sections").map(\.text)
        guard let label else { return nil }
        return KindDefinition(
            id: id, label: label,
            plural: reader.text(value["plural"], key: "plural") ?? label + "s",
            section: section,
            description: reader.text(value["description"], key: "description") ?? "",
            visibility: visibility, sections: sections)
    }
}
