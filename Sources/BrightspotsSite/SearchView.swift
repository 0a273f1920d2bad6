import BrightspotsCore

/// One choice in a search filter.
public struct SearchOptionView: Sendable, Encodable {
    public var value: String
    public var label: String
}

/// The search page: a form the script reveals and runs against `indexURL`, and for browsers without JavaScript the
/// tag and principle indexes, which the script hides.
public struct SearchPageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var searchURL: String
    public var indexURL: String
    public var scriptURL: String
    /// "18 entries": how many the index holds.
    public var countText: String
    public var kinds: [SearchOptionView]
    public var tags: [SearchOptionView]
    public var principles: [SearchOptionView]
    /// Years with entries, newest first.
    public var years: [SearchOptionView]
    /// The fallback: every tag in use and every principle, with counts.
    public var tagLinks: [TagLinkView]
    public var principleLinks: [PrincipleSummaryView]
}

extension ViewFactory {
    /// The script beside the stylesheet in the theme's static assets.
    var searchScriptURL: String {
        let folder = urls.stylesheet.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        return folder.joined(separator: "/") + "/search.js"
    }

    func searchPage() -> SearchPageView {
        let kinds = site.kinds.filter { !(collection.byKind[$0.id] ?? []).isEmpty }
            .map { SearchOptionView(value: $0.id, label: $0.plural) }
        let tagLinks = tagsIndex().tags
        let tags = collection.byTag.keys
            .map { SearchOptionView(value: $0, label: vocabulary.tags.label(for: $0)) }
            // Two tags may share a label: the slug breaks the tie, so the order never depends on hashing.
            .sorted { ($0.label.lowercased(), $0.value) < ($1.label.lowercased(), $1.value) }
        let principleLinks = priorities().flatMap(\.principles)
        let principles = vocabulary.principles.principles
            .filter { !(collection.byPrinciple[$0.slug] ?? []).isEmpty }
            .map { SearchOptionView(value: $0.slug, label: $0.title) }
        let years = Set(collection.entries.map(\.date.year)).sorted(by: >)
            .map { SearchOptionView(value: String($0), label: String($0)) }
        return SearchPageView(
            site: siteView(current: urls.search),
            page: meta(title: "Search", description: "Search the reflections on \(site.title) by words, kind, tag, principle and year.",
                       path: urls.search),
            searchURL: urls.search, indexURL: urls.searchIndex, scriptURL: searchScriptURL,
            countText: countText(collection.entries.count), kinds: kinds, tags: tags, principles: principles,
            years: years, tagLinks: tagLinks, principleLinks: principleLinks)
    }
}
