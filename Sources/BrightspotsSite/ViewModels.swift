import BrightspotsCore

// What templates see. Made for the templates from the domain types, never the domain types themselves,
// so a theme cannot depend on how Core stores things. Every page view has `site` and `page`.

public struct SiteView: Sendable, Encodable {
    public var title: String
    public var tagline: String
    public var description: String
    public var language: String
    public var nav: [NavLinkView]
    public var feedURL: String
    public var stylesheetURL: String
    /// True in `--audience internal` builds, which show a banner.
    public var isInternal: Bool
    public var generator: String
    /// The theme's `site-head` (the site's part of `<head>`), `site-header` and `site-footer` partials rendered
    /// for this view once per build (`CachedPartial`), for the layout to show whole (`{{{site.header}}}`): one name
    /// lookup each, where the parts written out in the layout took about twenty on every page. Nil when the theme
    /// has no such partial.
    public var head: RenderedPart?
    public var header: RenderedPart?
    public var footer: RenderedPart?
    /// Set when a build shares this view between pages (`SharedViews`).
    var encodedOnce: EncodedOnce? = nil

    private enum CodingKeys: String, CodingKey {
        case title, tagline, description, language, nav, feedURL, stylesheetURL, isInternal, generator, head, header
        case footer
    }

    public func encode(to encoder: any Encoder) throws {
        if let encodedOnce, try encodedOnce.encode(to: encoder) { return }
        try encodeFields(to: encoder)
    }

    func encodeFields(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(tagline, forKey: .tagline)
        try container.encode(description, forKey: .description)
        try container.encode(language, forKey: .language)
        try container.encode(nav, forKey: .nav)
        try container.encode(feedURL, forKey: .feedURL)
        try container.encode(stylesheetURL, forKey: .stylesheetURL)
        try container.encode(isInternal, forKey: .isInternal)
        try container.encode(generator, forKey: .generator)
        try container.encodeIfPresent(head, forKey: .head)
        try container.encodeIfPresent(header, forKey: .header)
        try container.encodeIfPresent(footer, forKey: .footer)
    }
}

public struct NavLinkView: Sendable, Encodable {
    public var label: String
    public var url: String
    public var isCurrent: Bool
}

public struct PageMetaView: Sendable, Encodable {
    /// The `<title>`, before the site's title.
    public var title: String
    public var description: String
    public var canonicalURL: String
    /// An Atom feed for this page, if it has one of its own.
    public var feedURL: String?
    public var feedTitle: String?
}

public struct TagLinkView: Sendable, Encodable {
    public var label: String
    public var url: String
    public var count: Int
    public var countText: String
    public var description: String?
}

/// A tag on an entry: no count, so that another entry taking the tag leaves this entry's pages as they were.
public struct EntryTagView: Sendable, Encodable {
    public var label: String
    public var url: String
}

public struct PrincipleLinkView: Sendable, Encodable {
    public var number: Int
    public var title: String
    public var url: String
}

public struct EntrySummaryView: Sendable, Encodable {
    public var title: String
    public var url: String
    public var dateISO: String
    public var dateText: String
    public var kindLabel: String
    public var kindURL: String
    public var summary: String
    public var author: String
    public var team: String?
    public var tags: [EntryTagView]
    public var isInternal: Bool
    /// The theme's `entry-card` rendered for this entry, when the build renders cards once (`CachedPartial`).
    public var card: RenderedPart?
    /// Set when a build shares this view between pages (`SharedViews`).
    var encodedOnce: EncodedOnce? = nil

    private enum CodingKeys: String, CodingKey {
        case title, url, dateISO, dateText, kindLabel, kindURL, summary, author, team, tags, isInternal, card
    }

    public func encode(to encoder: any Encoder) throws {
        if let encodedOnce, try encodedOnce.encode(to: encoder) { return }
        try encodeFields(to: encoder)
    }

    /// As the synthesized conformance would: an optional that is nil is left out.
    func encodeFields(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(url, forKey: .url)
        try container.encode(dateISO, forKey: .dateISO)
        try container.encode(dateText, forKey: .dateText)
        try container.encode(kindLabel, forKey: .kindLabel)
        try container.encode(kindURL, forKey: .kindURL)
        try container.encode(summary, forKey: .summary)
        try container.encode(author, forKey: .author)
        try container.encodeIfPresent(team, forKey: .team)
        try container.encode(tags, forKey: .tags)
        try container.encode(isInternal, forKey: .isInternal)
        try container.encodeIfPresent(card, forKey: .card)
    }
}

public struct EntryDetailView: Sendable, Encodable {
    public var title: String
    public var dateISO: String
    public var dateText: String
    public var author: String
    public var team: String?
    public var kindLabel: String
    public var kindURL: String
    public var summary: String
    public var tags: [EntryTagView]
    public var principles: [PrincipleLinkView]
    public var forumText: String?
    public var forumISO: String?
    public var bodyHTML: BodyHTML
    public var isInternal: Bool
    public var roi: EntryROIView?
    public var forumURL: String?
}

public struct EntryPageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var entry: EntryDetailView
    @ListedLazily public var related: [EntrySummaryView]
    /// Entries that link to this one.
    @ListedLazily public var referencedBy: [EntrySummaryView]
    /// The cards of `related` and of `referencedBy`, one after another, a line break between (`cards(of:)`).
    public var relatedCards: RenderedPart? = nil
    public var referencedByCards: RenderedPart? = nil
}

/// A page listing entries: a kind's section, a tag, a principle.
public struct EntryListPageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var heading: String
    public var caption: String?
    public var intro: String?
    public var countText: String
    @ListedLazily public var entries: [EntrySummaryView]
    public var emptyText: String
    public var pagination: PaginationView?
    /// The cards of `entries`, one after another, a line break between (`cards(of:)`).
    public var cards: RenderedPart? = nil
}

public struct HomeGroupView: Sendable, Encodable {
    /// The kind's id, for element ids.
    public var id: String
    public var heading: String
    public var url: String
    public var moreText: String
    @ListedLazily public var entries: [EntrySummaryView]
    /// The cards of `entries`, one after another, a line break between (`cards(of:)`).
    public var cards: RenderedPart? = nil
}

public struct PrincipleSummaryView: Sendable, Encodable {
    public var number: Int
    public var title: String
    public var description: String
    public var url: String
    public var count: Int
    public var countText: String
}

public struct PriorityView: Sendable, Encodable {
    public var number: Int
    public var title: String
    public var principles: [PrincipleSummaryView]
}

public struct HomePageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var groups: [HomeGroupView]
    public var priorities: [PriorityView]
}

public struct TagsPageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var tags: [TagLinkView]
}

public struct PrinciplesPageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var priorities: [PriorityView]
}

public struct NotFoundPageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
}

/// An entry's body in a view. Templates see its HTML, looked up only when the page is rendered; the digest that
/// decides whether a page must be rendered again (`Fingerprint.of(value:)`) sees the body's key instead, so one
/// view serves both and deciding needs no HTML.
public struct BodyHTML: Sendable, Encodable {
    let key: String?
    let html: @Sendable () -> String

    public init(_ html: String) {
        key = nil
        self.html = { html }
    }

    init(key: String?, html: @escaping @Sendable () -> String) {
        self.key = key
        self.html = html
    }

    public func encode(to encoder: any Encoder) throws {
        if TemplateValue.digestSink(of: encoder) != nil {
            let text = html()
            if TemplateValue.encode(tree: text, digest: key ?? text, to: encoder) { return }
        }
        var container = encoder.singleValueContainer()
        if encoder is DigestEncoder, let key { try container.encode(key) } else { try container.encode(html()) }
    }
}

/// A cached partial (`CachedPartial`): an entry's card, the site's header or footer, rendered only when a template
/// is given it. The digest leaves it out: the part is made from the view's other fields and the theme, which the
/// digest already holds.
public struct RenderedPart: Sendable, Encodable {
    let render: @Sendable () -> String

    public init(_ render: @escaping @Sendable () -> String) { self.render = render }

    /// The cards of a list of entries, one after another with a line break between, for a template to show in one
    /// piece (`{{#cards}}{{{.}}}{{/cards}}`) rather than entry by entry: each card shown through a loop cost about
    /// four name lookups. Nil when the list is empty or some entry has no card.
    public static func cards(of entries: [EntrySummaryView]) -> RenderedPart? {
        guard !entries.isEmpty else { return nil }
        let parts = entries.compactMap(\.card)
        guard parts.count == entries.count else { return nil }
        return RenderedPart { parts.map { $0.render() }.joined(separator: "\n") }
    }

    public func encode(to encoder: any Encoder) throws {
        if TemplateValue.digestSink(of: encoder) != nil, TemplateValue.encode(tree: render(), digest: "", to: encoder) {
            return
        }
        var container = encoder.singleValueContainer()
        try container.encode(encoder is DigestEncoder ? "" : render())
    }
}
