import BrightspotsCore
import Synchronization

/// Each entry's related entries by slug, found the first time they are asked for in a build.
final class RelatedMemo: Sendable {
    private let found = Mutex<[String: [String]]>([:])

    func slugs(_ slug: String, _ find: () -> [String]) -> [String] {
        if let known = found.withLock({ $0[slug] }) { return known }
        let slugs = find()
        found.withLock { $0[slug] = slugs }
        return slugs
    }
}

/// Builds the view models templates see from the indexed content.
struct ViewFactory: Sendable {
    let vocabulary: Vocabulary
    let collection: ContentCollection
    let urls: SiteURLs
    let audience: Audience
    let generator: String
    /// Rendered body HTML by slug.
    let bodies: BodyLookup
    /// Each body's key by slug, which digests of views hold instead of the HTML; nil digests the HTML.
    var bodyKeys: BodyLookup? = nil
    let roi: ROIReport
    /// Entry slug → slugs of the entries that link to it.
    let backlinks: [String: [String]]
    let editions: [ForumEdition]
    let today: Day
    /// Renders each entry's card and each section's header and footer once; nil leaves them to the templates.
    var partials: CachedPartials? = nil
    /// Makes each entry's summary and each layout once per build, with their encodings; nil makes them per page.
    var shared: SharedViews? = nil
    /// Each entry's related entries, found once per build for its page and its narrow input; nil finds them per page.
    var relatedMemo: RelatedMemo? = nil

    var site: SiteConfig { vocabulary.site }

    func siteView(current: String?) -> SiteView {
        guard let shared, let current else { return makeSiteView(current: current) }
        return shared.site(current) { makeSiteView(current: current) }
    }

    private func makeSiteView(current: String?) -> SiteView {
        var nav = [NavLinkView(label: "Home", url: urls.home, isCurrent: current == urls.home)]
        for kind in site.kinds {
            let url = urls.section(kind.id)
            nav.append(NavLinkView(label: kind.plural, url: url, isCurrent: current == url))
        }
        nav.append(NavLinkView(label: "Forum", url: urls.forum, isCurrent: current == urls.forum))
        nav.append(NavLinkView(label: "Tags", url: urls.tags, isCurrent: current == urls.tags))
        nav.append(NavLinkView(label: "Principles", url: urls.principles, isCurrent: current == urls.principles))
        nav.append(NavLinkView(label: "Return on investment", url: urls.roi, isCurrent: current == urls.roi))
        nav.append(NavLinkView(label: "Search", url: urls.search, isCurrent: current == urls.search))
        var view = SiteView(title: site.title, tagline: site.tagline, description: site.description,
                            language: site.language, nav: nav, feedURL: urls.feed, stylesheetURL: urls.stylesheet,
                            isInternal: audience == .internal, generator: generator)
        let plain = view
        let key = current ?? ""
        if let head = partials?.head {
            view.head = RenderedPart { head.render(key) { TemplateValue.tree(["site": plain]) } }
        }
        if let header = partials?.header {
            view.header = RenderedPart { header.render(key) { TemplateValue.tree(["site": plain]) } }
        }
        if let footer = partials?.footer {
            view.footer = RenderedPart { footer.render(key) { TemplateValue.tree(["site": plain]) } }
        }
        return view
    }

    func meta(title: String, description: String, path: String, feed: (url: String, title: String)? = nil) -> PageMetaView {
        PageMetaView(title: title, description: PlainText.truncate(description, limit: 160),
                     canonicalURL: urls.absolute(path), feedURL: feed?.url, feedTitle: feed?.title)
    }

    func tagLink(_ slug: String) -> TagLinkView {
        let count = collection.byTag[slug]?.count ?? 0
        return TagLinkView(label: vocabulary.tags.label(for: slug), url: urls.tag(slug), count: count,
                           countText: countText(count), description: vocabulary.tags.description(for: slug))
    }

    func entryTag(_ slug: String) -> EntryTagView {
        EntryTagView(label: vocabulary.tags.label(for: slug), url: urls.tag(slug))
    }

    func summary(_ entry: Entry) -> EntrySummaryView {
        guard let shared else { return makeSummary(entry) }
        return shared.summary(entry.slug) { makeSummary(entry) }
    }

    private func makeSummary(_ entry: Entry) -> EntrySummaryView {
        var view = EntrySummaryView(
            title: entry.title, url: urls.entry(entry), dateISO: entry.date.description,
            dateText: entry.date.longForm, kindLabel: site.kind(entry.kind)?.label ?? entry.kind,
            kindURL: urls.section(entry.kind), summary: entry.summary, author: authorText(entry),
            team: entry.team, tags: entry.tags.map(entryTag), isInternal: entry.visibility == .internal)
        if let cards = partials?.cards {
            let plain = view
            view.card = RenderedPart {
                cards.render(entry.slug, source: { Fingerprint.of(value: plain) }) { TemplateValue.tree(plain) }
            }
        }
        return view
    }

    /// The slugs of the entries shown beside `entry` on its page (`Related`).
    func relatedSlugs(_ entry: Entry) -> [String] {
        let find = { Related.entries(for: entry, in: collection, limit: site.relatedLimit).map(\.slug) }
        return relatedMemo?.slugs(entry.slug, find) ?? find()
    }

    func authorText(_ entry: Entry) -> String { entry.isAnonymous ? "Anonymous" : entry.author }

    func countText(_ count: Int) -> String { count == 1 ? "1 entry" : "\(count) entries" }

    // MARK: Pages

    func home() -> HomePageView {
        let groups = site.kinds.compactMap { kind -> HomeGroupView? in
            let positions = collection.byKind[kind.id] ?? []
            guard !positions.isEmpty else { return nil }
            let entries = positions.prefix(site.homeLatest).map { summary(collection.entries[$0]) }
            return HomeGroupView(id: kind.id, heading: "Latest \(kind.plural)", url: urls.section(kind.id),
                                 moreText: "All \(kind.plural) (\(positions.count))", entries: entries,
                                 cards: .cards(of: entries))
        }
        return HomePageView(site: siteView(current: urls.home),
                            page: meta(title: site.title, description: site.description, path: urls.home),
                            groups: groups, priorities: priorities())
    }

    func section(_ kind: KindDefinition, page number: Int = 1) -> EntryListPageView {
        let entries = collection.byKind[kind.id] ?? []
        let base = urls.section(kind.id)
        let (shown, pagination) = paginate(entries, base: base, page: number)
        return withCards(EntryListPageView(
            site: siteView(current: base),
            page: meta(title: kind.plural + pageSuffix(number), description: kind.description, path: urls.page(base, number),
                       feed: (urls.sectionFeed(kind.id), "\(kind.plural) – \(site.title)")),
            heading: kind.plural, caption: nil, intro: kind.description, countText: countText(entries.count),
            entries: shown.map(summary),
            emptyText: "No \(kind.plural) have been published yet.", pagination: pagination))
    }

    /// A list page with its entries' cards in one piece (`RenderedPart.cards(of:)`).
    private func withCards(_ view: EntryListPageView) -> EntryListPageView {
        var view = view
        view.cards = .cards(of: view.entries)
        return view
    }

    func pageSuffix(_ number: Int) -> String { number > 1 ? " (page \(number))" : "" }

    func entryPage(_ entry: Entry) -> EntryPageView {
        let path = urls.entry(entry)
        let detail = EntryDetailView(
            title: entry.title, dateISO: entry.date.description, dateText: entry.date.longForm,
            author: authorText(entry), team: entry.team, kindLabel: site.kind(entry.kind)?.label ?? entry.kind,
            kindURL: urls.section(entry.kind), summary: entry.summary, tags: entry.tags.map(entryTag),
            principles: entry.principles.compactMap { slug in
                vocabulary.principles.principle(slug).map {
                    PrincipleLinkView(number: $0.number, title: $0.title, url: urls.principle(slug))
                }
            },
            forumText: entry.forum?.longForm, forumISO: entry.forum?.description,
            bodyHTML: BodyHTML(key: bodyKeys?[entry.slug]) { [bodies, slug = entry.slug] in bodies[slug] ?? "" }, isInternal: entry.visibility == .internal,
            roi: roi.ledger(for: entry.slug).map(entryROI),
            forumURL: entry.forum.flatMap { month in editions.contains { $0.month == month } ? urls.edition(month) : nil })
        let related = relatedSlugs(entry).compactMap(collection.entry).map(summary)
        let referencedBy = (backlinks[entry.slug] ?? []).compactMap(collection.entry).map(summary)
        return EntryPageView(site: siteView(current: urls.section(entry.kind)),
                             page: meta(title: entry.title, description: entry.summary, path: path),
                             entry: detail, related: related, referencedBy: referencedBy,
                             relatedCards: .cards(of: related), referencedByCards: .cards(of: referencedBy))
    }

    func tagsIndex() -> TagsPageView {
        // Two tags may share a label: the address breaks the tie, so the order never depends on hashing.
        let tags = collection.byTag.keys.map(tagLink).sorted { ($0.label.lowercased(), $0.url) < ($1.label.lowercased(), $1.url) }
        return TagsPageView(site: siteView(current: urls.tags),
                            page: meta(title: "Tags", description: "Every tag used on \(site.title), with how many entries carry it.",
                                       path: urls.tags),
                            tags: tags)
    }

    func tagPage(_ slug: String, page number: Int = 1) -> EntryListPageView {
        let entries = collection.byTag[slug] ?? []
        let label = vocabulary.tags.label(for: slug)
        let description = vocabulary.tags.description(for: slug)
        let (shown, pagination) = paginate(entries, base: urls.tag(slug), page: number)
        return withCards(EntryListPageView(
            site: siteView(current: urls.tags),
            page: meta(title: "Tagged “\(label)”" + pageSuffix(number), description: description ?? "Entries tagged \(label).",
                       path: urls.page(urls.tag(slug), number)),
            heading: label, caption: "Tag", intro: description, countText: countText(entries.count),
            entries: shown.map(summary), emptyText: "No entries carry this tag.", pagination: pagination))
    }

    func principlesIndex() -> PrinciplesPageView {
        PrinciplesPageView(site: siteView(current: urls.principles),
                           page: meta(title: "Principles",
                                      description: "The twelve principles of People @ the Heart, under their four priorities.",
                                      path: urls.principles),
                           priorities: priorities())
    }

    func principlePage(_ principle: Principle, page number: Int = 1) -> EntryListPageView {
        let entries = collection.byPrinciple[principle.slug] ?? []
        let (shown, pagination) = paginate(entries, base: urls.principle(principle.slug), page: number)
        let priority = vocabulary.principles.priorities.first { $0.number == principle.priority }
        let caption = "Principle \(principle.number)" + (priority.map { " · Priority \($0.number): \($0.title)" } ?? "")
        return withCards(EntryListPageView(
            site: siteView(current: urls.principles),
            page: meta(title: principle.title + pageSuffix(number), description: principle.description,
                       path: urls.page(urls.principle(principle.slug), number)),
            heading: principle.title, caption: caption, intro: principle.description,
            countText: countText(entries.count), entries: shown.map(summary),
            emptyText: "No entries draw on this principle yet.", pagination: pagination))
    }

    func notFound() -> NotFoundPageView {
        NotFoundPageView(site: siteView(current: nil),
                         page: meta(title: "Page not found", description: "This page could not be found.", path: "/404.html"))
    }

    // MARK: Return on investment

    func entryROI(_ ledger: EntryLedger) -> EntryROIView {
        EntryROIView(
            lines: ledger.lines.map { line in
                ROILineView(label: line.unitCost.label, count: ExactNumber.plain(line.outcome.count),
                            unit: line.unitCost.unit, unitCost: line.unitCost.value.display,
                            valueType: line.unitCost.valueType.rawValue, priceYear: line.unitCost.priceYear,
                            source: line.unitCost.source, rating: line.unitCost.rating.rawValue,
                            period: line.outcome.period, note: line.outcome.note, gross: line.gross.display)
            },
            paidFor: ledger.paidFor, deadweight: ExactNumber.plain(ledger.deadweight),
            attribution: ExactNumber.plain(ledger.attribution), totals: TotalsView(ledger.totals),
            unitCostsURL: urls.unitCosts)
    }

    func roiPage() -> ROIPageView {
        let groups = roi.groups.map { group -> ROIGroupView in
            let id = "roi-\(group.grouping.rawValue)"
            let rows = group.rows.map { ROIRowView(label: $0.label, url: groupURL(group.grouping, $0.key),
                                                   totals: TotalsView($0.totals)) }
            let chart = BarChart.svg(
                id: id, title: "Cost and adjusted fiscal benefit, \(group.grouping.heading.lowercased())",
                bars: group.rows.map { BarChart.Bar(label: $0.label, cost: $0.totals.cost, benefit: $0.totals.adjusted.fiscal) })
            let note: String? = group.grouping.shares
                ? "An entry with several \(group.grouping == .tag ? "tags" : "principles") is shared equally among them, so the rows add up to the total; the entries column counts every entry in the group."
                : nil
            return ROIGroupView(id: id, heading: group.grouping.heading, columnLabel: group.grouping.columnLabel,
                                note: note, chartSVG: chart, rows: rows, total: TotalsView(roi.overall))
        }
        let entries = roi.ledgers.map { entry, ledger in
            ROIRowView(label: entry.title, url: urls.entry(entry), totals: TotalsView(ledger.totals))
        }
        return ROIPageView(
            site: siteView(current: urls.roi),
            page: meta(title: "Return on investment",
                       description: "What early help cost and what it saved public services, from the reflections on this site.",
                       path: urls.roi),
            hasEntries: !roi.ledgers.isEmpty, overall: TotalsView(roi.overall),
            deadweight: ExactNumber.plain(roi.defaults.deadweight), attribution: ExactNumber.plain(roi.defaults.attribution),
            entries: entries, groups: groups, csvURL: urls.roiCSV, jsonURL: urls.roiJSON, unitCostsURL: urls.unitCosts)
    }

    func groupURL(_ grouping: Grouping, _ key: String) -> String? {
        guard !key.isEmpty else { return nil }
        switch grouping {
        case .kind: return urls.section(key)
        case .tag: return urls.tag(key)
        case .principle: return urls.principle(key)
        case .team, .month: return nil
        }
    }

    func unitCostsPage() -> UnitCostsPageView {
        let rows = roi.unitCosts.costs.map { cost in
            var flags: [String] = []
            if cost.rating == .red { flags.append("Red-rated by its source: use with care") }
            if cost.isOld { flags.append("Estimate from before 2010: replace with a current local figure") }
            return UnitCostRowView(code: cost.code, sourceCode: cost.sourceCode, label: cost.label, unit: cost.unit,
                                   value: cost.value.display, priceYear: cost.priceYear, valueType: cost.valueType.label,
                                   source: cost.source, sourceYear: cost.sourceYear, rating: cost.rating.rawValue,
                                   flags: flags)
        }
        return UnitCostsPageView(
            site: siteView(current: urls.roi),
            page: meta(title: "Unit costs", description: "The unit costs the return-on-investment tallies use, with their sources.",
                       path: urls.unitCosts),
            note: roi.unitCosts.note, costs: rows, flaggedCount: rows.filter { !$0.flags.isEmpty }.count)
    }

    func priorities() -> [PriorityView] {
        vocabulary.principles.priorities.map { priority in
            PriorityView(number: priority.number, title: priority.title, principles:
                vocabulary.principles.principles.filter { $0.priority == priority.number }.map { principle in
                    let count = collection.byPrinciple[principle.slug]?.count ?? 0
                    return PrincipleSummaryView(number: principle.number, title: principle.title,
                                                description: principle.description, url: urls.principle(principle.slug),
                                                count: count, countText: countText(count))
                })
        }
    }
}

/// Rendered body HTML by entry slug: from a dictionary, or looked up as needed (the build cache).
struct BodyLookup: Sendable {
    let lookup: @Sendable (String) -> String?

    init(_ lookup: @escaping @Sendable (String) -> String?) { self.lookup = lookup }
    init(_ bodies: [String: String]) { self.lookup = { bodies[$0] } }

    subscript(slug: String) -> String? { lookup(slug) }
}
