import BrightspotsCore
import Markdown

/// A numbered page link, or (`isGap`) the ellipsis standing for pages left out between two links.
public struct PageLinkView: Sendable, Encodable, Equatable {
    public var number: Int?
    public var url: String?
    public var isCurrent: Bool
    public var isGap: Bool
}

/// Links between the pages of a long list.
public struct PaginationView: Sendable, Encodable {
    public var previousURL: String?
    public var nextURL: String?
    public var pages: [PageLinkView]
    public var summary: String
}

public struct EditionSummaryView: Sendable, Encodable {
    public var title: String
    public var url: String
    public var dateISO: String
    public var dateText: String
    public var timeText: String
    public var place: String?
    public var online: String?
    public var theme: String?
    public var countText: String
}

public struct ForumIndexView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var upcoming: [EditionSummaryView]
    public var past: [EditionSummaryView]
}

public struct AgendaSlotView: Sendable, Encodable {
    public var start: String
    public var end: String
    public var title: String
    public var url: String
    public var presenter: String
    public var kindLabel: String
    public var summary: String
    public var tags: [EntryTagView]
    public var principles: [PrincipleLinkView]
    public var roiHeadline: String?
}

public struct EditionPageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var edition: EditionSummaryView
    public var host: String?
    public var isUpcoming: Bool
    public var slots: [AgendaSlotView]
    public var notesHTML: String
    public var calendarURL: String
    public var submitURL: String
}

extension ViewFactory {
    /// How many pages a list of `count` entries takes; always at least one.
    func pageCount(_ count: Int) -> Int { max(1, (count + site.pageSize - 1) / site.pageSize) }

    /// (page number, path) for a list of `count` entries at `base`.
    func pagePaths(_ base: String, count: Int) -> [(Int, String)] {
        (1...pageCount(count)).map { ($0, urls.page(base, $0)) }
    }

    /// The entries on page `number`, and the links to the other pages (nil when there is only one).
    /// `positions` are the list's entries by their place in the collection (its `byKind`, `byTag`…): only the
    /// page's own entries are taken from it, so each page of a long list costs the same.
    func paginate(_ positions: [Int], base: String, page number: Int) -> ([Entry], PaginationView?) {
        let size = site.pageSize
        let pages = pageCount(positions.count)
        let slice = positions.dropFirst((number - 1) * size).prefix(size).map { collection.entries[$0] }
        guard pages > 1 else { return (slice, nil) }
        let first = (number - 1) * size + 1
        return (slice, PaginationView(
            previousURL: number > 1 ? urls.page(base, number - 1) : nil,
            nextURL: number < pages ? urls.page(base, number + 1) : nil,
            pages: Self.pageWindow(current: number, count: pages).map { page in
                page.map { PageLinkView(number: $0, url: urls.page(base, $0), isCurrent: $0 == number, isGap: false) }
                    ?? PageLinkView(number: nil, url: nil, isCurrent: false, isGap: true)
            },
            summary: "Showing \(first)–\(first + slice.count - 1) of \(positions.count)"))
    }

    /// The page numbers to link, as GOV.UK's pagination shows them: the first, the last, the current page and its
    /// neighbours, with nil for each run of pages left out ("1 … 6 7 8 … 42"). A run of one page is shown instead.
    static func pageWindow(current: Int, count: Int) -> [Int?] {
        let wanted = Set([1, count, current - 1, current, current + 1].filter { (1...count).contains($0) }).sorted()
        var window: [Int?] = []
        for page in wanted {
            if let last = window.last ?? nil {
                if page - last == 2 { window.append(last + 1) } else if page - last > 2 { window.append(nil) }
            }
            window.append(page)
        }
        return window
    }

    func editionSummary(_ edition: ForumEdition) -> EditionSummaryView {
        let agenda = Agenda(edition: edition, entries: collection.entries(forum: edition.month))
        let end = Agenda.end(of: edition, agenda: agenda)
        let count = agenda.slots.count
        return EditionSummaryView(
            title: edition.title, url: urls.edition(edition.month), dateISO: edition.date.description,
            dateText: edition.date.longForm, timeText: "\(edition.start) to \(end)", place: edition.place,
            online: edition.online, theme: edition.theme,
            countText: count == 0 ? "No presentations yet" : count == 1 ? "1 presentation" : "\(count) presentations")
    }

    /// Upcoming editions first (soonest first), then past ones (latest first).
    func forumIndex() -> ForumIndexView {
        let upcoming = editions.filter { $0.date >= today }.sorted { $0.date < $1.date }
        let past = editions.filter { $0.date < today }.sorted { $0.date > $1.date }
        return ForumIndexView(
            site: siteView(current: urls.forum),
            page: meta(title: "Bright Spots forum",
                       description: "The monthly forum where anyone can present or listen to what has been working well.",
                       path: urls.forum),
            upcoming: upcoming.map(editionSummary), past: past.map(editionSummary))
    }

    func editionPage(_ edition: ForumEdition) -> EditionPageView {
        let agenda = Agenda(edition: edition, entries: collection.entries(forum: edition.month))
        let slots = agenda.slots.map { slot -> AgendaSlotView in
            let card = summary(slot.entry)
            let ledger = roi.ledger(for: slot.entry.slug)
            return AgendaSlotView(
                start: slot.start.description, end: slot.end.description, title: slot.entry.title, url: card.url,
                presenter: slot.presenter, kindLabel: card.kindLabel, summary: slot.entry.summary, tags: card.tags,
                principles: slot.entry.principles.compactMap { slug in
                    vocabulary.principles.principle(slug).map {
                        PrincipleLinkView(number: $0.number, title: $0.title, url: urls.principle(slug))
                    }
                },
                roiHeadline: ledger.map {
                    "\($0.totals.adjusted.fiscal.display) adjusted fiscal benefit for \($0.totals.cost.display)"
                })
        }
        let notes = SiteBuilder.resolveWikiLinks(edition.notes, collection: collection, urls: urls)
        return EditionPageView(
            site: siteView(current: urls.forum),
            page: meta(title: edition.title,
                       description: "Agenda for the Bright Spots forum on \(edition.date.longForm)" + (edition.theme.map { ": \($0)" } ?? "."),
                       path: urls.edition(edition.month)),
            edition: editionSummary(edition), host: edition.host, isUpcoming: edition.date >= today, slots: slots,
            notesHTML: notes.isEmpty ? "" : Markdown.html(from: notes),
            calendarURL: urls.editionCalendar(edition.month), submitURL: urls.submit)
    }
}
