import BrightspotsCore
import Foundation
import Markdown
import Synchronization

/// What the submission daemon needs to know about the site, loaded once and again after each publish:
/// the kinds, principles, tags, unit costs and forum editions the forms offer, the theme its pages use,
/// and the existing entries (for slugs and previews).
public struct SiteSnapshot: Sendable {
    public let options: BuildOptions
    public let vocabulary: Vocabulary
    public let theme: Theme
    public let editions: [ForumEdition]
    /// Every entry, drafts and private ones included: a new slug must not collide with any of them.
    public let entries: [Entry]
    let urls: SiteURLs
    /// What every daemon page of this snapshot shares, made once.
    let pages: DaemonPages

    init(options: BuildOptions, vocabulary: Vocabulary, theme: Theme, editions: [ForumEdition], entries: [Entry],
         urls: SiteURLs) {
        self.options = options
        self.vocabulary = vocabulary
        self.theme = theme
        self.editions = editions
        self.entries = entries
        self.urls = urls
        // The layout's head, header and footer are rendered once, into the site's part of every daemon page.
        pages = DaemonPages(views: Self.viewFactory(options: options, vocabulary: vocabulary, theme: theme, urls: urls,
                                                    editions: editions, collection: ContentCollection(), bodies: [:]))
    }

    /// Loads and checks the project; throws the problem report if the content does not check. With a cache,
    /// entry files unchanged since they were last parsed are not read again.
    public static func load(_ options: BuildOptions, cache: BuildCache? = nil) throws -> SiteSnapshot {
        let content = try SiteBuilder.indexedContent(options, cache: cache)
        let theme: Theme
        switch Theme.load(options.theme, project: options.project) {
        case .success(let loaded): theme = loaded
        case .failure(let report): throw report
        }
        return SiteSnapshot(options: options, vocabulary: content.vocabulary, theme: theme,
                            editions: content.loaded.editions, entries: content.loaded.entries,
                            urls: SiteURLs(site: content.vocabulary.site))
    }

    /// Builds the site into `output` (as `SiteBuilder.build`) and returns the snapshot of what it built from,
    /// without reading the project a second time.
    public static func build(_ options: BuildOptions, output: URL, cache: BuildCache,
                             clean: Bool = false, purge: Bool = false) throws -> (BuildSummary, SiteSnapshot) {
        var summary = try SiteBuilder.build(options, output: output, cache: cache, clean: clean, purge: purge)
        // The daemon keeps neither: what it needs is in the snapshot.
        summary.workingSet = nil
        guard let (loaded, vocabulary, theme) = summary.content else { return (summary, try load(options, cache: cache)) }
        summary.content = nil
        return (summary, SiteSnapshot(options: options, vocabulary: vocabulary, theme: theme, editions: loaded.editions,
                                      entries: loaded.entries, urls: SiteURLs(site: vocabulary.site)))
    }

    public var site: SiteConfig { vocabulary.site }

    /// Forum editions a submission can still be presented at: today's and later, soonest first.
    public var upcomingEditions: [ForumEdition] {
        editions.filter { $0.date >= options.today }.sorted { $0.date < $1.date }
    }

    /// Tags already in use, most used first: suggested on the form so people reuse them. Counted once per snapshot.
    public var tagsInUse: [(slug: String, label: String)] {
        remembered("tags in use") {
            var counts: [String: Int] = [:]
            for entry in entries { for tag in entry.tags { counts[tag, default: 0] += 1 } }
            return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { ($0.key, vocabulary.tags.label(for: $0.key)) }
        }
    }

    /// The site's own layout around a daemon page: `content` is the page's view model, seen by the template
    /// as `form`; `site` and `page` are what every page of the built site gets.
    ///
    /// Views reach the template as dictionaries made by their `Encodable` conformance (`TemplateValue`), as the
    /// build's pages do, not through `Mirror`: the same output, several times faster.
    public func render<Content: Encodable>(_ template: String, title: String, description: String = "", path: String,
                                           content: Content) -> String {
        let view: [String: Any] = [
            "site": pages.site,
            "page": TemplateValue.tree(pages.views.meta(title: title, description: description, path: path)),
            "form": TemplateValue.tree(content),
        ]
        return theme.render(template, view)
    }

    /// A value made once per snapshot and kept until the site changes (the snapshot is replaced after every
    /// publish): for daemon pages that are the same for every visitor but for the form token. `key` names what it
    /// is (say, the blank form of one kind); keys must come from a small, fixed set.
    public func remembered<Value: Sendable>(_ key: String, _ make: () -> Value) -> Value {
        if let kept = pages.remembered.withLock({ $0[key] }) as? Value { return kept }
        let made = make()
        pages.remembered.withLock { $0[key] = made }
        return made
    }

    /// A body's HTML exactly as the build renders it: `[[slug]]` links resolved against the published entries,
    /// then discount with the site's flags.
    public func bodyHTML(markdown: String) -> String {
        let collection = ContentCollection(entries.filter { !$0.draft }).visible(to: options.audience)
        return Markdown.html(from: SiteBuilder.resolveWikiLinks(markdown, collection: collection, urls: urls))
    }

    /// The whole entry page the build would write for this entry file's text, or the problems `check` would
    /// report for it. `file` is where it would be written, e.g. `Content/aar/2026/late-discharge.md`.
    public func entryPage(markdown: String, file: String) -> Result<(entry: Entry, html: String), ProblemReport> {
        let entry: Entry
        switch parse(markdown: markdown, file: file) {
        case .success(let parsed): entry = parsed
        case .failure(let report): return .failure(report)
        }
        var all = entries.filter { !$0.draft && $0.slug != entry.slug }
        all.append(entry)
        let collection = ContentCollection(all).visible(to: .internal)
        var bodies: [String: String] = [:]
        bodies[entry.slug] = Markdown.html(from: SiteBuilder.resolveWikiLinks(entry.body, collection: collection, urls: urls))
        let views = viewFactory(collection: collection, bodies: bodies)
        return .success((entry, theme.render("entry", TemplateValue.tree(views.entryPage(entry)))))
    }

    /// Parses an entry file's text as `check` does, with the cross-entry checks a single entry can fail.
    public func parse(markdown: String, file: String) -> Result<Entry, ProblemReport> {
        let kinds = site.kinds.map(\.id)
        let location: EntryLocation
        switch EntryLocation.parse(file, kinds: kinds) {
        case .success(let parsed): location = parsed
        case .failure(let problem): return .failure(ProblemReport([problem]))
        }
        let (entry, problems) = EntryParser.parse(markdown, at: location, vocabulary: vocabulary)
        guard let entry, problems.isEmpty else { return .failure(ProblemReport(problems)) }
        var collection = ContentCollection(entries.filter { $0.slug != entry.slug })
        if let duplicate = collection.insert(entry) { return .failure(ProblemReport([duplicate])) }
        let crossProblems = collection.crossReferenceProblems().filter { $0.file == file }
        return crossProblems.isEmpty ? .success(entry) : .failure(ProblemReport(crossProblems))
    }

    /// The page path an entry of this kind and slug gets, e.g. `/after-action-reviews/late-discharge/`.
    public func entryPath(kind: String, slug: String) -> String { urls.section(kind) + slug + "/" }

    /// A slug for a new entry's title that no entry or file uses: "late-discharge", else "late-discharge-2", ….
    /// Only letters, digits and hyphens, so it cannot name a path outside its folder.
    public func freeSlug(for title: String, taken extra: Set<String> = []) -> String {
        var base = Slug.make(from: title)
        if base.isEmpty { base = "reflection" }
        if base.count > 80 {
            base = String(base.prefix(80))
            while base.hasSuffix("-") { base.removeLast() }
        }
        let taken = Set(entries.map(\.slug)).union(extra)
        if !taken.contains(base) { return base }
        var number = 2
        while taken.contains("\(base)-\(number)") { number += 1 }
        return "\(base)-\(number)"
    }

    func viewFactory(collection: ContentCollection, bodies: [String: String] = [:]) -> ViewFactory {
        Self.viewFactory(options: options, vocabulary: vocabulary, theme: theme, urls: urls, editions: editions,
                         collection: collection, bodies: bodies)
    }

    /// With the theme's cached partials, as the build's views have: the layout shows the site's parts from them.
    static func viewFactory(options: BuildOptions, vocabulary: Vocabulary, theme: Theme, urls: SiteURLs,
                            editions: [ForumEdition], collection: ContentCollection,
                            bodies: [String: String]) -> ViewFactory {
        var views = ViewFactory(vocabulary: vocabulary, collection: collection, urls: urls, audience: options.audience,
                                generator: "Brightspots (discount \(Markdown.discountVersion))",
                                bodies: BodyLookup(bodies), roi: ROIReport(collection: collection, vocabulary: vocabulary),
                                backlinks: [:], editions: editions, today: options.today)
        views.partials = CachedPartials(theme: theme)
        return views
    }
}

/// What the daemon pages of one snapshot share: the layout, made once, and the values the daemon remembers.
final class DaemonPages: @unchecked Sendable {
    /// Makes the per-page part of the layout (title, description, canonical address).
    let views: ViewFactory
    /// The site's part of the layout (title, navigation) as a template tree: plain dictionaries, arrays and
    /// scalars, never changed once made (hence `@unchecked Sendable`).
    let site: Any
    let remembered = Mutex<[String: any Sendable]>([:])

    init(views: ViewFactory) {
        self.views = views
        site = TemplateValue.tree(views.siteView(current: nil))
    }
}
