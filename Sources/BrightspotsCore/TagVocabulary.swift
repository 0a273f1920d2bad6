/// A tag's label and description from `Content/tags.yaml`.
public struct TagInfo: Sendable, Hashable {
    public var slug: String
    public var label: String
    public var description: String?
}

/// Tags are free, but normalised: case-folded and slugified, then mapped through the aliases of tags.yaml,
/// so "Mental Health", "mental-health" and an alias "mh" are one tag.
public struct TagVocabulary: Sendable, Hashable {
    public private(set) var tags: [String: TagInfo] = [:]
    private var aliases: [String: String] = [:]

    public init() {}

    /// The canonical slug for a tag as written, or nil if it has no letters or digits.
    public func canonical(_ written: String) -> String? {
        let slug = Slug.make(from: written)
        guard !slug.isEmpty else { return nil }
        return aliases[slug] ?? slug
    }

    /// The label to show: from tags.yaml, else the slug with spaces, capitalised.
    public func label(for slug: String) -> String {
        if let label = tags[slug]?.label { return label }
        let words = slug.replacingHyphens
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    public func description(for slug: String) -> String? { tags[slug]?.description }

    public static func parse(_ text: String, file: String) -> (TagVocabulary?, [Problem]) {
        var reader = FieldReader(file: file)
        var vocabulary = TagVocabulary()
        let document: YAMLValue?
        switch YAMLDocument.parse(text, file: file) {
        case .success(let value): document = value
        case .failure(let problem): return (nil, [problem])
        }
        guard let document else { return (vocabulary, []) }
        guard let pairs = reader.mapping(document, what: "tags.yaml") else { return (nil, reader.problems) }
        for pair in pairs {
            let slug = Slug.make(from: pair.key)
            guard !slug.isEmpty else { reader.report(pair.keyLine, .invalidTag(pair.key)); continue }
            if vocabulary.tags[slug] != nil || vocabulary.aliases[slug] != nil {
                reader.report(pair.keyLine, .duplicateName(what: "tag", name: slug))
                continue
            }
            var info = TagInfo(slug: slug, label: vocabulary.label(for: slug), description: nil)
            if let fields = reader.mapping(pair.value, what: "tag \"\(pair.key)\"") {
                reader.checkKeys(fields, allowed: ["label", "description", "aliases"])
                info.label = reader.text(pair.value["label"], key: "label") ?? info.label
                info.description = reader.text(pair.value["description"], key: "description")
                for alias in reader.list(pair.value["aliases"], key: "aliases") {
                    let aliasSlug = Slug.make(from: alias.text)
                    if vocabulary.tags[aliasSlug] != nil || vocabulary.aliases[aliasSlug] != nil || aliasSlug == slug {
                        reader.report(alias.line, .duplicateName(what: "tag", name: aliasSlug))
                    } else if !aliasSlug.isEmpty {
                        vocabulary.aliases[aliasSlug] = slug
                    }
                }
            }
            vocabulary.tags[slug] = info
        }
        return reader.problems.isEmpty ? (vocabulary, []) : (nil, reader.problems)
    }
}

extension String {
    var replacingHyphens: String { String(map { $0 == "-" ? " " : $0 }) }
}
