/// One of the report's four priorities, under which its principles sit.
public struct Priority: Sendable, Hashable {
    public var number: Int
    public var title: String
}

/// One of the twelve principles of "People @ the Heart", e.g. `study-success-and-share-it`.
public struct Principle: Sendable, Hashable {
    public var slug: String
    public var number: Int
    public var priority: Int
    public var title: String
    public var description: String
}

/// `Content/principles.yaml`.
public struct PrincipleCatalog: Sendable, Hashable {
    public var priorities: [Priority]
    public var principles: [Principle]

    public init(priorities: [Priority], principles: [Principle]) {
        self.priorities = priorities
        self.principles = principles
    }

    public func principle(_ slug: String) -> Principle? { principles.first { $0.slug == slug } }
    public var slugs: [String] { principles.map(\.slug) }

    public static func parse(_ text: String, file: String) -> (PrincipleCatalog?, [Problem]) {
        var reader = FieldReader(file: file)
        let document: YAMLValue?
        switch YAMLDocument.parse(text, file: file) {
        case .success(let value): document = value
        case .failure(let problem): return (nil, [problem])
        }
        guard let document, let pairs = reader.mapping(document, what: "principles.yaml") else {
            if document == nil { reader.report(1, .missingKey("principles")) }
            return (nil, reader.problems)
        }
        reader.checkKeys(pairs, allowed: ["priorities", "principles"])
        var priorities: [Priority] = []
        for item in document["priorities"]?.items ?? [] {
            guard let itemPairs = reader.mapping(item, what: "a priority") else { continue }
            reader.checkKeys(itemPairs, allowed: ["number", "title"])
            if let number = reader.integer(item["number"], key: "number"),
               let title = reader.text(item["title"], key: "title") {
                priorities.append(Priority(number: number, title: title))
            }
        }
        var principles: [Principle] = []
        guard let list = document["principles"]?.items else {
            reader.report(document.line, .missingKey("principles"))
            return (nil, reader.problems)
        }
        for item in list {
            guard let itemPairs = reader.mapping(item, what: "a principle") else { continue }
            reader.checkKeys(itemPairs, allowed: ["slug", "number", "priority", "title", "description"])
            for key in ["slug", "number", "priority", "title"] where item[key] == nil {
                reader.report(item.line, .missingKey(key))
            }
            guard let slug = reader.text(item["slug"], key: "slug"),
                  let number = reader.integer(item["number"], key: "number"),
                  let priority = reader.integer(item["priority"], key: "priority"),
                  let title = reader.text(item["title"], key: "title") else { continue }
            if principles.contains(where: { $0.slug == slug }) {
                reader.report(item.line, .duplicateName(what: "principle", name: slug))
            }
            if !priorities.isEmpty && !priorities.contains(where: { $0.number == priority }) {
                reader.report(item["priority"]?.line, .unknownPriority(priority))
            }
            principles.append(Principle(slug: slug, number: number, priority: priority, title: title,
                                        description: reader.text(item["description"], key: "description") ?? ""))
        }
        guard reader.problems.isEmpty else { return (nil, reader.problems) }
        return (PrincipleCatalog(priorities: priorities, principles: principles), [])
    }
}
