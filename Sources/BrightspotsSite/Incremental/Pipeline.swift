import BrightspotsCore
import Foundation
import Markdown
import Synchronization

/// What a page template is given: a view model whose encoded fields decide whether the page must be rendered again.
public typealias PageModel = Encodable & Sendable

/// Where a build's files go.
enum BuildTarget {
    /// Every file written through the sink (tests, previews).
    case sink(OutputSink)
    /// A site folder, swapped in whole; with a trusted cache only changed files are written.
    case folder(URL)
}

/// One templated page of the plan.
struct PageJob: Sendable {
    /// The page's address, for the sitemap; nil for pages it does not list (404).
    var path: String?
    /// The day the page last changed, for the sitemap.
    var modified: Day?
    var file: String
    var template: String
    /// The entries whose body HTML the page shows (an entry's own page).
    var bodies: [String] = []
    /// For a page that shows only a few entries (an entry page: itself, its related entries, those linking to it),
    /// its narrow input (`FileRecord.narrow`), made when asked for: it decides whether the page is kept when the
    /// quick input, made from every entry's front matter, differs. Nil for a page that may show any entry, or their
    /// number or order (list pages).
    var narrow: (@Sendable () -> Fingerprint?)? = nil
    /// A page that takes far longer than others to make (the ROI page lists every entry's figures): rendered first,
    /// so that it does not end the build on one core.
    var large = false
    /// The view: digested to decide whether the page must be rendered again (bodies and cards stand in by their
    /// keys, `BodyHTML` and `RenderedPart`), and rendered if so.
    var view: @Sendable () -> any PageModel
}

/// Any other file: feeds, the search index, the sitemap, ROI downloads, calendars, static files.
struct OtherJob: Sendable {
    var file: String
    /// The entries whose body HTML (or words) the file holds.
    var bodies: [String] = []
    /// What else the file is made from beyond what `QuickInputs` covers (a static file's stamp); nil when nothing.
    var extra: Fingerprint? = nil
    /// Whether `make` spreads its own work over every core (the search index): it is then run on its own rather
    /// than beside other files' jobs, where its parallel maps would be nested and get one core.
    var alone = false
    /// Run when the file is kept as it is (its quick input unchanged), to fill what later builds in this process
    /// start from: the search index's state after a process's first build, which found nothing to change.
    var warm: (@Sendable () -> Void)? = nil
    var make: @Sendable () -> Data
}

/// A build's view factory, held once for every page's closures to refer to.
private final class FactoryBox: Sendable {
    let value: ViewFactory
    init(_ value: ViewFactory) { self.value = value }
}

/// What a build made besides its summary and content, for `BuildSummary.workingSet`.
private struct WorkingSet: @unchecked Sendable {
    let visible: ContentCollection
    let plan: [PageJob]
    let others: [OtherJob]
    let bodies: BodySet
    let inputs: QuickInputs
}

/// A file produced this build: its record, and its bytes if they were made.
private struct Produced: Sendable {
    var file: String
    var record: FileRecord
    var bytes: Data?
}

extension SiteBuilder {
    /// The build: load → index → render → write, each stage timed.
    /// `fresh` ignores what the cache holds; `purge` (a takedown) empties it first of everything, bodies too.
    static func run(_ options: BuildOptions, target: BuildTarget, cache: BuildCache, fresh: Bool = true,
                    purge: Bool = false) throws -> BuildSummary {
        cache.buildLock.lock()
        defer { cache.buildLock.unlock() }
        if fresh { try cache.reset(keepingBodies: !purge) }
        var timer = StageTimer()

        let (loaded, theme) = try timer.time(.load) { () throws -> (LoadedContent, Theme) in
            // The theme on a thread of its own while the content loads: after it, the templates' parsing and the
            // listing of the theme's files were a wait with one core idle.
            let themeLoad = Beside(waitsOnDisk: true) { Theme.load(options.theme, project: options.project) }
            let loaded = SiteLoader.load(options.project, cache: cache)
            let theme = themeLoad.result()
            var problems = loaded.problems
            if case .failure(let report) = theme { problems += report.problems }
            // Report everything check would, not just what loading found.
            if !problems.isEmpty { problems += indexProblems(ContentCollection(loaded.entries), loaded.editions) }
            guard problems.isEmpty, case .success(let theme) = theme else { throw ProblemReport(problems) }
            return (loaded, theme)
        }
        guard let vocabulary = loaded.vocabulary else { throw ProblemReport(loaded.problems) }

        let visible = try timer.time(.index) { () throws -> ContentCollection in
            let key = IndexMemo.key(loaded, audience: options.audience)
            if let key, var memo = cache.takeIndex(key) {
                memo.update(loaded)
                cache.keepIndex(memo)
                return memo.visible
            }
            let all = ContentCollection(loaded.entries)
            let problems = indexProblems(all, loaded.editions, digests: loaded.digests)
            guard problems.isEmpty else { throw ProblemReport(problems) }
            let visible = all.visible(to: options.audience)
            if let key {
                var bodies: [String: Fingerprint] = [:]
                bodies.reserveCapacity(loaded.entries.count)
                loaded.entries.forEachInPlace { entry, _ in bodies[entry.file] = loaded.digests[entry.file]?.rawBody }
                cache.keepIndex(IndexMemo(key: key, visible: visible, bodies: bodies))
            }
            return visible
        }

        // The code counts with the theme: another version of Brightspots may make other pages from the same views.
        let themeDigest = Fingerprint.combining([theme.digest, QuickInputs.code])

        // Render: bodies through discount (those the cache lacks), then the plan of every file.
        let (plan, others, bodies, inputs) = try timer.time(.render) { () throws -> ([PageJob], [OtherJob], BodySet, QuickInputs) in
            if !fresh { try cache.loadBodyKeys() }
            let bodies = renderBodies(visible, vocabulary: vocabulary, cache: fresh ? nil : cache, terms: cache,
                                      digests: loaded.digests)
            let inputs = QuickInputs(loaded: loaded, visible: visible, themeDigest: themeDigest, options: options,
                                     bodyKeys: bodies.keys)
            // The tallies depend on front matter only: kept while nothing but bodies changes.
            let roi = cache.remembered("roi", inputs.site) { ROIReport(collection: visible, vocabulary: vocabulary) }
            let plan = pageJobs(visible, vocabulary: vocabulary, theme: theme, options: options,
                                editions: loaded.editions, bodies: bodies, roi: roi, digests: loaded.digests,
                                partMemory: cache.partMemory, inputs: inputs)
            let others = otherJobs(visible, vocabulary: vocabulary, theme: theme, editions: loaded.editions,
                                   bodies: bodies, pages: plan, roi: roi, quickSite: inputs.site)
            return (plan, others, bodies, inputs)
        }

        var written = 0
        var rendered = 0
        var compared = 0
        var removed = 0
        switch target {
        case .sink(let sink):
            try produceAll(plan, others, theme: theme, themeDigest: themeDigest, inputs: inputs, known: [:], timer: &timer,
                           rendered: &rendered, compared: &compared) { batch in
                try writeAll(batch.map { ($0.file, $0.bytes ?? Data()) }) { try sink.write($0, contents: $1) }
                written += batch.count
            }
            cache.keepBodies(bodies.new, used: bodies.used)
        case .folder(let output):
            let key = output.standardizedFileURL.path
            let record = try cache.outputRecord(key)
            let folders = SiteFolders(live: output)
            let liveIdentity = FolderIdentity.of(folders.live)
            var updated = false
            if let live = record.live, live.identity == liveIdentity {
                do {
                    (written, removed) = try updateSpare(folders, record: record, live: live, plan: plan, others: others,
                                                         theme: theme, themeDigest: themeDigest, inputs: inputs,
                                                         cache: cache, key: key, bodies: bodies, timer: &timer,
                                                         rendered: &rendered, compared: &compared)
                    updated = true
                } catch is WriteError {
                    // A file the cache expected in the live site was missing or unreadable: build it all afresh.
                    rendered = 0
                    compared = 0
                }
            }
            if !updated {
                written = try writeFresh(folders, plan: plan, others: others, theme: theme, themeDigest: themeDigest,
                                         inputs: inputs, cache: cache, key: key, bodies: bodies,
                                         pruneBodies: fresh && !purge, timer: &timer, rendered: &rendered,
                                         compared: &compared)
            }
        }

        cache.partMemory?.endBuild()

        var (drafts, privates, internals) = (0, 0, 0)
        loaded.entries.forEachInPlace { entry, _ in
            if entry.draft { drafts += 1 }
            else if entry.visibility == .private { privates += 1 }
            else if entry.visibility == .internal && options.audience == .public { internals += 1 }
        }
        let leftOut = [("draft", drafts), ("private", privates), ("internal", internals)].filter { $0.1 > 0 }
        let files = plan.count + others.count
        return BuildSummary(entries: visible.entries.count, entriesRead: loaded.entries.count, leftOut: leftOut,
                            pages: plan.count + others.filter { $0.file.hasSuffix(".html") }.count, files: files,
                            timings: timer.timings, rendered: rendered, compared: compared, written: written,
                            removed: removed,
                            bodiesRendered: bodies.new.count, content: (loaded, vocabulary, theme),
                            workingSet: WorkingSet(visible: visible, plan: plan, others: others, bodies: bodies,
                                                   inputs: inputs))
    }

    // MARK: Bodies

    /// Each visible entry's body: `[[slug]]` links resolved, then through discount unless the cache has the HTML
    /// for that exact Markdown.
    static func renderBodies(_ collection: ContentCollection, vocabulary: Vocabulary, cache: BuildCache?,
                             terms: BuildCache, digests: [String: EntryDigest] = [:]) -> BodySet {
        let urls = SiteURLs(site: vocabulary.site)
        // A body without wiki links has its key from when it was parsed. One with links is resolved, unless the
        // cache knows the key for the same Markdown with the same linked titles and addresses and holds its HTML.
        let resolved = ParallelMap.map(collection.entries) { entry -> (String, Fingerprint, String?, Fingerprint?) in
            guard let digest = digests[entry.file] else {
                let markdown = resolveWikiLinks(entry.body, collection: collection, urls: urls)
                return (entry.slug, Fingerprint.of(BodySet.engine + markdown), markdown, nil)
            }
            if let key = digest.bodyKey { return (entry.slug, key, entry.body, nil) }
            let sink = DigestSink()
            digest.rawBody.append(to: &sink.buffer)
            for slug in Set(digest.links.map(\.slug)).sorted() {
                sink.string(slug)
                let target = collection.entry(slug)
                sink.string(target.map { $0.title + "\n" + urls.entry($0) } ?? "")
            }
            let memo = sink.buffer.withUnsafeBytes { Fingerprint.of(bytes: $0) }
            if let key = terms.resolvedKey(memo), cache?.hasBody(key) == true { return (entry.slug, key, nil, memo) }
            let markdown = resolveWikiLinks(entry.body, collection: collection, urls: urls)
            return (entry.slug, Fingerprint.of(BodySet.engine + markdown), markdown, memo)
        }
        var keys: [String: Fingerprint] = [:]
        var missing: [(Fingerprint, String)] = []
        var seen = Set<Fingerprint>()
        var memos: [Fingerprint: Fingerprint] = [:]
        for (slug, key, markdown, memo) in resolved {
            keys[slug] = key
            if let memo { memos[memo] = key }
            if seen.insert(key).inserted, !(cache?.hasBody(key) ?? false), let markdown { missing.append((key, markdown)) }
        }
        terms.keepResolvedKeys(memos)
        let html = ParallelMap.map(missing) { ($0.0, Markdown.html(from: $0.1)) }
        var metaKeys: [String: Fingerprint] = [:]
        metaKeys.reserveCapacity(collection.entries.count)
        collection.entries.forEachInPlace { entry, _ in
            if let digest = digests[entry.file] { metaKeys[entry.slug] = digest.meta }
        }
        return BodySet(keys: keys, metaKeys: metaKeys, new: Dictionary(html, uniquingKeysWith: { first, _ in first }),
                       cache: cache, termsCache: terms)
    }

    // MARK: The plan

    static func pageJobs(_ collection: ContentCollection, vocabulary: Vocabulary, theme: Theme, options: BuildOptions,
                         editions: [ForumEdition], bodies: BodySet, roi: ROIReport,
                         digests: [String: EntryDigest], partMemory: PartMemory? = nil,
                         inputs: QuickInputs? = nil) -> [PageJob] {
        let urls = SiteURLs(site: vocabulary.site)
        let sections = Set(vocabulary.site.kinds.map(\.section))
        var backlinks: [String: [String]] = [:]
        collection.entries.forEachInPlace { entry, _ in
            let targets = digests[entry.file]?.targets ?? Array(WikiLinks.targets(of: entry, sections: sections))
            for target in targets where collection.bySlug[target] != nil {
                backlinks[target, default: []].append(entry.slug)
            }
        }
        var views = ViewFactory(vocabulary: vocabulary, collection: collection, urls: urls, audience: options.audience,
                                generator: "Brightspots (discount \(Markdown.discountVersion))",
                                bodies: BodyLookup { bodies.html($0) }, bodyKeys: BodyLookup { bodies.keys[$0]?.description },
                                roi: roi, backlinks: backlinks, editions: editions, today: options.today,
                                partials: CachedPartials(theme: theme, memory: partMemory), shared: SharedViews())
        views.relatedMemo = RelatedMemo()
        // One copy of the factory, which every page's closures refer to: copied into each (two closures per entry
        // page), it was a third of planning the pages in a rebuild's profile.
        let factory = FactoryBox(views)

        // Each page: its address, its template, the day it last changed, and how to make its view.
        var jobs: [PageJob] = []
        func add(_ path: String, _ template: String, _ modified: Day?, bodies: [String] = [],
                 narrow: (@Sendable () -> Fingerprint?)? = nil, large: Bool = false,
                 _ make: @escaping @Sendable (ViewFactory) -> any PageModel) {
            jobs.append(PageJob(path: path, modified: modified, file: SiteURLs.file(for: path), template: template,
                                bodies: bodies, narrow: narrow, large: large, view: { make(factory.value) }))
        }
        let newest = collection.entries.first?.date
        add(urls.home, "home", newest) { $0.home() }
        for kind in vocabulary.site.kinds {
            let entries = collection.byKind[kind.id] ?? []
            for (number, path) in views.pagePaths(urls.section(kind.id), count: entries.count) {
                add(path, "section", entries.first.map { collection.entries[$0].date }) { $0.section(kind, page: number) }
            }
        }
        // The view takes its entry by position when it is made: most rebuilds make one entry page's view.
        // An entry page shows its entry, its related entries and those linking to it (`ViewFactory.entryPage`),
        // and nothing else of any other entry: its narrow input is made from those.
        let links = backlinks
        func narrowInput(_ position: Int, file: String) -> (@Sendable () -> Fingerprint?)? {
            guard let inputs else { return nil }
            return { () -> Fingerprint? in
                let views = factory.value
                let entry = views.collection.entries[position]
                let lists = [[entry.slug], views.relatedSlugs(entry), links[entry.slug] ?? []]
                guard let shown = inputs.shown(lists) else { return nil }
                return inputs.input(file: file, template: "entry", bodies: [entry.slug], shown: shown)
            }
        }
        collection.entries.forEachInPlace { entry, position in
            let path = urls.entry(entry)
            add(path, "entry", entry.date, bodies: [entry.slug], narrow: narrowInput(position, file: SiteURLs.file(for: path))) {
                $0.entryPage($0.collection.entries[position])
            }
        }
        add(urls.tags, "tags", newest) { $0.tagsIndex() }
        for tag in collection.byTag.keys.sorted() {
            let entries = collection.byTag[tag] ?? []
            for (number, path) in views.pagePaths(urls.tag(tag), count: entries.count) {
                add(path, "tag", entries.first.map { collection.entries[$0].date }) { $0.tagPage(tag, page: number) }
            }
        }
        add(urls.principles, "principles", newest) { $0.principlesIndex() }
        for principle in vocabulary.principles.principles {
            let entries = collection.byPrinciple[principle.slug] ?? []
            for (number, path) in views.pagePaths(urls.principle(principle.slug), count: entries.count) {
                add(path, "principle", entries.first.map { collection.entries[$0].date }) { $0.principlePage(principle, page: number) }
            }
        }
        add(urls.forum, "forum", editions.map(\.date).max()) { $0.forumIndex() }
        for edition in editions {
            add(urls.edition(edition.month), "edition", edition.date) { $0.editionPage(edition) }
        }
        add(urls.search, "search", newest) { $0.searchPage() }
        add(urls.roi, "roi", newest, large: true) { $0.roiPage() }
        add(urls.unitCosts, "unit-costs", nil) { $0.unitCostsPage() }
        jobs.append(PageJob(path: nil, modified: nil, file: "404.html", template: "404",
                            view: { factory.value.notFound() }))
        return jobs
    }

    /// Feeds, the search index, ROI downloads, calendars, the sitemap and the theme's static files.
    static func otherJobs(_ collection: ContentCollection, vocabulary: Vocabulary, theme: Theme, editions: [ForumEdition],
                          bodies: BodySet, pages: [PageJob], roi: ROIReport, quickSite: Fingerprint?) -> [OtherJob] {
        let urls = SiteURLs(site: vocabulary.site)
        let site = vocabulary.site
        let lookup = BodyLookup { bodies.html($0) }
        var jobs: [OtherJob] = []
        func add(_ path: String, bodies: [String] = [], alone: Bool = false, warm: (@Sendable () -> Void)? = nil,
                 _ make: @escaping @Sendable () -> String) {
            jobs.append(OtherJob(file: SiteURLs.file(for: path), bodies: bodies, alone: alone, warm: warm) { Data(make().utf8) })
        }
        let latest = { (positions: [Int]) in positions.prefix(AtomFeed.limit).map { collection.entries[$0].slug } }
        add(urls.feed, bodies: latest(Array(collection.entries.indices))) {
            AtomFeed.render(title: site.title, path: urls.feed, entries: collection.entries, urls: urls, bodies: lookup, site: site)
        }
        for kind in site.kinds {
            let path = urls.sectionFeed(kind.id)
            add(path, bodies: latest(collection.byKind[kind.id] ?? [])) {
                AtomFeed.render(title: "\(kind.plural) – \(site.title)", path: path, entries: collection.entries(kind: kind.id),
                                urls: urls, bodies: lookup, site: site)
            }
        }
        for edition in editions {
            add(urls.editionCalendar(edition.month)) {
                let agenda = Agenda(edition: edition, entries: collection.entries(forum: edition.month))
                let host = String(site.baseURL.split(separator: "/").dropFirst().first ?? "brightspots")
                return CalendarFile.render(edition: edition, agenda: agenda, pageURL: urls.absolute(urls.edition(edition.month)),
                                           host: host)
            }
        }
        let memory = bodies.termsCache.searchMemory(site: quickSite) { bodies.keys[$0.slug] }
        let searchIndex: @Sendable () -> String = {
            SearchIndex.json(collection: collection, vocabulary: vocabulary, urls: urls, bodies: lookup,
                             table: bodies.termsCache.termTable, bodyTerms: { bodies.terms(for: $0) },
                             phraseKeys: { bodies.metaKeys[$0.slug] },
                             remember: { bodies.termsCache.remembered("search-head", quickSite, $0) },
                             memory: memory)
        }
        // A process that builds again and has no search state yet makes one even when the index is unchanged, so
        // that its first edit is not the one that counts every body's words.
        var warm: (@Sendable () -> Void)?
        if memory != nil && !bodies.termsCache.hasSearchState { warm = { @Sendable in _ = searchIndex() } }
        add(urls.searchIndex, bodies: collection.entries.map(\.slug), alone: true, warm: warm, searchIndex)
        add(urls.roiCSV) { ROIFormats.csv(roi) }
        add(urls.roiJSON) { ROIFormats.json(roi) }
        let sitemap = pages.compactMap { page in page.path.map { ($0, page.modified) } }
        add("/sitemap.xml") { Sitemap.render(sitemap, urls: urls) }
        for (path, source) in theme.staticFiles.sorted(by: { $0.key < $1.key }) {
            jobs.append(OtherJob(file: path, extra: FileStamp.of(source.path)?.fingerprint ?? Fingerprint.of(UUID().uuidString)) {
                FileManager.default.contents(atPath: source.path) ?? Data()
            })
        }
        return jobs
    }

    // MARK: Producing files

    /// How many pages are rendered and written at a time: bounds the memory a build holds.
    static let batchSize = 256

    /// Renders (or, where the cache vouches for a page, skips) every file in batches, handing each batch to `write`.
    /// `known` are the records of the files already in the folder the skipped pages can be linked from.
    /// A page whose quick input (`QuickInputs`) is as recorded is kept without building its view; otherwise its full
    /// input (the digest of its view) decides. Other files are kept only on their quick input.
    ///
    /// `write` is called on a thread of its own, one batch after another in order, while the next batch renders
    /// (`BatchWriter`); everything it has been given is written when this returns. A write that waits on the disk
    /// left a core idle between batches: a sixth of the rendering's time at 10,000 entries.
    private static func produceAll(_ pages: [PageJob], _ others: [OtherJob], theme: Theme, themeDigest: Fingerprint,
                                   inputs: QuickInputs, known: [String: FileRecord], timer: inout StageTimer,
                                   rendered: inout Int, compared: inout Int,
                                   write writeNow: @escaping ([Produced]) throws -> Void) throws {
        let writer = BatchWriter(writeNow)
        defer { writer.wait() }
        func write(_ batch: [Produced]) throws {
            try writer.check()
            writer.submit(batch)
        }
        // Pages the quick inputs vouch for are settled at once, and so are those whose quick input differs but
        // whose narrow input is as recorded (an entry page, when an entry it does not show changed); only the rest
        // are rendered in batches.
        let (kept, settled) = timer.time(.render) { () -> ([Produced], [(job: PageJob, quick: Fingerprint?)]) in
            let quick = ParallelMap.map(pages) { inputs.input(file: $0.file, template: $0.template, bodies: $0.bodies) }
            let narrow = ParallelMap.map(Array(pages.indices)) { index -> Fingerprint? in
                guard let make = pages[index].narrow, let old = known[pages[index].file], old.narrow != nil,
                      old.quick != quick[index] else { return nil }
                return make()
            }
            return settle(pages, file: \.file, known: known, quick: quick, narrow: narrow)
        }
        let pending = settled.filter(\.job.large) + settled.filter { !$0.job.large }
        if !kept.isEmpty { try timer.time(.write) { try write(kept) } }
        if !known.isEmpty { compared += pending.count }
        @Sendable func produce(_ job: OtherJob, _ quick: Fingerprint?) -> Produced {
            let bytes = job.make()
            return Produced(file: job.file, record: FileRecord(input: nil, quick: quick, digest: .of(bytes: bytes)), bytes: bytes)
        }
        let (otherKept, otherPending) = timer.time(.render) {
            settle(others, file: \.file, known: known,
                   quick: others.map { inputs.input(file: $0.file, template: "", bodies: $0.bodies, extra: $0.extra) })
        }
        // The files other than pages and the search index (feeds, ROI downloads, calendars, sitemap, static files)
        // are made beside the pages, filling the gaps between page batches rather than running as a tail of their
        // own once the pages are done: the ROI downloads alone took a core for half a second there.
        let together = otherPending.filter { !$0.job.alone }
        let beside = Beside { ParallelMap.map(together) { produce($0.job, $0.quick) } }
        // Files that spread their own work over the cores (the search index) are made after the pages when few pages
        // are rendered, so that they have the cores to themselves; when many are, they too are made beside the pages
        // from the start: their part on one core (writing the index) was otherwise a tail of half a second.
        let alone = otherPending.filter(\.job.alone)
        let aloneBeside = pending.count > 2 * batchSize && !alone.isEmpty
            ? Beside { alone.map { produce($0.job, $0.quick) } } : nil
        var start = 0
        while start < pending.count {
            let batch = Array(pending[start..<min(start + batchSize, pending.count)])
            start += batchSize
            let produced = timer.time(.render) {
                ParallelMap.map(batch) { job, quick -> Produced in
                    let view = AnyPageModel(job.view())
                    func input(_ digest: Fingerprint) -> Fingerprint {
                        Fingerprint.combining([themeDigest, Fingerprint.of(job.template), digest])
                    }
                    let tree: Any
                    let record: Fingerprint
                    if var old = known[job.file] {
                        // A record to compare with: the view's digest first, and the tree only if it differs.
                        record = input(Fingerprint.of(value: view))
                        if old.input == record {
                            old.quick = quick
                            old.narrow = job.narrow?()
                            return Produced(file: job.file, record: old, bytes: nil)
                        }
                        tree = TemplateValue.tree(view)
                    } else {
                        // Nothing to compare with (a fresh build, a new page): it is rendered whatever its digest,
                        // so the tree and the digest come from one pass over the view.
                        let made = TemplateValue.treeAndDigest(view)
                        assert(made.digest == Fingerprint.of(value: view), "\(job.file): the tree's digest differs")
                        (tree, record) = (made.tree, input(made.digest))
                    }
                    let bytes = Data(theme.render(job.template, tree).utf8)
                    // After the view: the related entries it found are the narrow input's.
                    return Produced(file: job.file, record: FileRecord(input: record, quick: quick, narrow: job.narrow?(),
                                                                       digest: record),
                                    bytes: bytes)
                }
            }
            rendered += produced.filter { $0.bytes != nil }.count
            try timer.time(.write) { try write(produced) }
        }
        if !otherKept.isEmpty { try timer.time(.write) { try write(otherKept) } }
        let keptFiles = Set(otherKept.map(\.file))
        let warming = others.compactMap { job in keptFiles.contains(job.file) ? job.warm : nil }
        if !warming.isEmpty { timer.time(.render) { for warm in warming { warm() } } }
        if let aloneBeside {
            let produced = timer.time(.render) { aloneBeside.result() }
            try timer.time(.write) { try write(produced) }
        } else {
            for (job, quick) in alone {
                let produced = timer.time(.render) { produce(job, quick) }
                try timer.time(.write) { try write([produced]) }
            }
        }
        let produced = timer.time(.render) { beside.result() }
        try timer.time(.write) {
            try write(produced)
            try writer.finish()
        }
    }

    /// Splits jobs into the files whose recorded quick input is `quick`, or whose recorded narrow input is
    /// `narrow` (kept as recorded, with the new quick input; nothing to make), and the rest, each with its quick
    /// input.
    private static func settle<Job>(_ jobs: [Job], file: (Job) -> String, known: [String: FileRecord],
                                    quick: [Fingerprint?], narrow: [Fingerprint?]? = nil)
        -> (kept: [Produced], pending: [(job: Job, quick: Fingerprint?)]) {
        var kept: [Produced] = []
        var pending: [(job: Job, quick: Fingerprint?)] = []
        for (index, (job, quick)) in zip(jobs, quick).enumerated() {
            if let quick, let old = known[file(job)], old.quick == quick {
                kept.append(Produced(file: file(job), record: old, bytes: nil))
            } else if let narrow = narrow?[index], var old = known[file(job)], old.narrow == narrow {
                old.quick = quick
                kept.append(Produced(file: file(job), record: old, bytes: nil))
            } else {
                pending.append((job, quick))
            }
        }
        return (kept, pending)
    }

    /// Writes files in parallel; the first failure is thrown with how many failed.
    private static func writeAll(_ files: [(String, Data)], _ write: @Sendable (String, Data) throws -> Void) throws {
        let failures = ParallelMap.map(files) { file -> WriteError? in
            do { try write(file.0, file.1); return nil } catch { return WriteError(file.0, error) }
        }.compactMap { $0 }
        if let first = failures.first { throw first.counting(failures) }
    }

    /// No trusted record of the output folder: every page rendered and written, then swapped in whole. With a spare
    /// folder beside the site (any build after the first two), the pages are written over the spare's files, what
    /// the site no longer has is removed, and the two are swapped; otherwise the pages go into a new folder, swapped
    /// in. Either way the replaced site is kept as the spare, for the next build to write over.
    private static func writeFresh(_ folders: SiteFolders, plan: [PageJob], others: [OtherJob], theme: Theme,
                                   themeDigest: Fingerprint, inputs: QuickInputs, cache: BuildCache, key: String, bodies: BodySet,
                                   pruneBodies: Bool, timer: inout StageTimer, rendered: inout Int,
                                   compared: inout Int) throws -> Int {
        let write: @Sendable (String, Data) throws -> Void
        let swapIn: (_ files: Set<String>) throws -> Void
        let abandon: () -> Void
        if FolderIdentity.of(folders.live) != nil, FolderIdentity.of(folders.spare) != nil {
            try cache.markSpareDirty(key)
            AtomicOutput.removeLeftovers(of: folders.live)
            // Listed before anything is written, beside the rendering: listing waits on the disk.
            let listing = Beside(waitsOnDisk: true) { folders.spareContents() }
            write = { try folders.overwrite($0, with: $1) }
            swapIn = { files in
                folders.removeAll(except: files, listed: listing.result())
                try folders.swap()
            }
            abandon = {}
        } else {
            let atomic = try AtomicOutput(destination: folders.live)
            let sink = FolderSink(folder: atomic.staging)
            write = { try sink.write($0, contents: $1) }
            swapIn = { _ in
                try? FileManager.default.removeItem(at: folders.spare)
                try atomic.commit(keepingPreviousAt: folders.spare)
            }
            abandon = { atomic.abandon() }
        }
        var records: [String: FileRecord] = [:]
        do {
            try produceAll(plan, others, theme: theme, themeDigest: themeDigest, inputs: inputs, known: [:], timer: &timer,
                           rendered: &rendered, compared: &compared) { batch in
                try writeAll(batch.map { ($0.file, $0.bytes ?? Data()) }, write)
                for file in batch { records[file.file] = file.record }
            }
            try timer.time(.write) {
                try swapIn(Set(records.keys))
                guard let identity = FolderIdentity.of(folders.live) else {
                    throw WriteError(message: "the new site folder vanished", count: 1)
                }
                try cache.commit(output: key, live: FolderRecord(identity: identity, files: records), spare: nil,
                                 changed: nil, removed: [], newBodies: bodies.new, pruningBodies: pruneBodies)
            }
        } catch {
            abandon()
            throw error
        }
        cache.keepBodies(bodies.new, used: bodies.used)
        return records.count
    }

    /// The output folder is as the cache recorded it: bring the spare folder up to date with only the files that
    /// differ (the changed pages, and the files the previous build changed), then swap it in.
    private static func updateSpare(_ folders: SiteFolders, record: OutputRecord, live: FolderRecord, plan: [PageJob],
                                    others: [OtherJob], theme: Theme, themeDigest: Fingerprint, inputs: QuickInputs,
                                    cache: BuildCache,
                                    key: String, bodies: BodySet, timer: inout StageTimer,
                                    rendered: inout Int, compared: inout Int) throws -> (written: Int, removed: Int) {
        let fm = FileManager.default
        var spareFiles: [String: FileRecord]
        var spareTrusted = false
        if let spare = record.spare, spare.identity == FolderIdentity.of(folders.spare) {
            spareFiles = spare.files
            spareTrusted = true
        } else {
            try? fm.removeItem(at: folders.spare)
            try fm.createDirectory(at: folders.spare, withIntermediateDirectories: false)
            spareFiles = [:]
        }
        try cache.markSpareDirty(key)

        var newFiles: [String: FileRecord] = [:]
        var written = 0
        var changedRecords = Set<String>()
        try produceAll(plan, others, theme: theme, themeDigest: themeDigest, inputs: inputs, known: live.files,
                       timer: &timer, rendered: &rendered, compared: &compared) { batch in
            var work: [(String, Data?)] = []
            for file in batch {
                newFiles[file.file] = file.record
                if spareFiles[file.file] != file.record { changedRecords.insert(file.file) }
                if spareFiles[file.file]?.digest == file.record.digest { continue }
                // Unchanged since the live site: link the live file rather than writing the same bytes.
                let same = live.files[file.file]?.digest == file.record.digest
                work.append((file.file, same ? nil : file.bytes))
                if !same { written += 1 }
            }
            let failures = ParallelMap.map(work) { file, bytes -> WriteError? in
                do {
                    if let bytes { try folders.replace(file, with: bytes) } else { try folders.link(file) }
                    return nil
                } catch { return WriteError(file, error) }
            }.compactMap { $0 }
            if let first = failures.first { throw first.counting(failures) }
        }
        let gone = Set(spareFiles.keys).subtracting(newFiles.keys)
        try timer.time(.write) {
            for file in gone.sorted(by: >) { folders.remove(file) }
            try folders.swap()
            guard let newLive = FolderIdentity.of(folders.live), let newSpare = FolderIdentity.of(folders.spare) else {
                throw WriteError(message: "a site folder vanished during the swap", count: 1)
            }
            try cache.commit(output: key, live: FolderRecord(identity: newLive, files: newFiles),
                             spare: FolderRecord(identity: newSpare, files: live.files),
                             changed: spareTrusted ? changedRecords : nil, removed: spareTrusted ? gone : [],
                             newBodies: bodies.new)
        }
        cache.keepBodies(bodies.new, used: bodies.used)
        return (written, Set(live.files.keys).subtracting(newFiles.keys).count)
    }
}

/// Bodies by slug: their digests, the HTML discount made this build, and the cache for the rest.
struct BodySet: Sendable {
    /// Bodies differ when the discount version, its flags or the filters after it differ.
    static let engine = Markdown.engine + "\n"

    var keys: [String: Fingerprint]
    /// Each entry's `EntryDigest.meta`, where known: what its summary and team are kept under.
    var metaKeys: [String: Fingerprint] = [:]
    var new: [Fingerprint: String]
    var cache: BuildCache?
    /// Where term counts are kept: the cache, or a throwaway one for builds without a cache.
    var termsCache: BuildCache

    var used: Set<Fingerprint> { Set(keys.values) }

    func html(_ slug: String) -> String? {
        guard let key = keys[slug] else { return nil }
        return new[key] ?? cache?.body(key)
    }

    /// The search words of each entry's body, counted once per body and kept by the cache for later builds.
    func terms(for entries: [Entry]) -> [BodyTerms] {
        let table = termsCache.termTable
        let bodyKeys = entries.map { keys[$0.slug] }
        let known = termsCache.terms(bodyKeys.compactMap { $0 })
        let missing = entries.indices.filter { bodyKeys[$0].flatMap { known[$0] } == nil }
        let made = ParallelMap.map(missing) { index in
            SearchIndex.bodyTerms(html: html(entries[index].slug), entry: entries[index], table: table)
        }
        var result = bodyKeys.map { $0.flatMap { known[$0] } }
        var new: [Fingerprint: BodyTerms] = [:]
        for (index, terms) in zip(missing, made) {
            result[index] = terms
            if let key = bodyKeys[index] { new[key] = terms }
        }
        termsCache.keepTerms(new)
        return result.map { $0! }
    }
}

/// Hands batches of files to a write function on a thread of its own, in order, at most two batches waiting, so
/// that rendering goes on while a write waits on the disk. The first error stops the writing; `check` and `finish`
/// throw it. The write function is only ever called from the writer's serial queue, one call at a time, and what it
/// changes is read by its owner only after `finish` or `wait` (hence `@unchecked Sendable`).
private final class BatchWriter: @unchecked Sendable {
    private let write: ([Produced]) throws -> Void
    private let queue = DispatchQueue(label: "brightspots.batch-writer")
    private let group = DispatchGroup()
    private let slots = DispatchSemaphore(value: 2)
    private let failure = Mutex<(any Error)?>(nil)

    init(_ write: @escaping ([Produced]) throws -> Void) { self.write = write }

    func submit(_ batch: [Produced]) {
        slots.wait()
        group.enter()
        queue.async {
            defer {
                self.slots.signal()
                self.group.leave()
            }
            guard self.failure.withLock({ $0 == nil }) else { return }
            do { try self.write(batch) } catch { self.failure.withLock { $0 = $0 ?? error } }
        }
    }

    /// Throws the first write's error, if one has failed.
    func check() throws {
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Waits until everything submitted is written.
    func wait() { group.wait() }

    /// Waits, then throws the first error.
    func finish() throws {
        wait()
        try check()
    }
}

/// Work started on another thread, its result waited for when needed.
final class Beside<Result: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    private var value: Result?

    /// `waitsOnDisk` work runs on a thread of its own rather than the shared pool's: blocked on the disk, it would
    /// hold one of the pool's threads, which are as many as the cores, and leave a core idle.
    init(waitsOnDisk: Bool = false, _ work: @escaping @Sendable () -> Result) {
        done.enter()
        let run: @Sendable () -> Void = {
            self.value = work()
            self.done.leave()
        }
        if waitsOnDisk { Thread.detachNewThread(run) } else { DispatchQueue.global().async(execute: run) }
    }

    /// Waits for the work; its result (the group's leave orders the write before this read).
    func result() -> Result {
        done.wait()
        return value!
    }
}

/// Encodes whatever page model it holds, for its fingerprint.
struct AnyPageModel: Encodable {
    let model: any PageModel
    init(_ model: any PageModel) { self.model = model }
    func encode(to encoder: any Encoder) throws { try model.encode(to: encoder) }
}

/// Adds up how long each stage took; a stage may run several times (rendering and writing in batches).
struct StageTimer {
    private let clock = ContinuousClock()
    private var totals: [BuildStage: Duration] = [:]

    mutating func time<T>(_ stage: BuildStage, _ work: () throws -> T) rethrows -> T {
        let start = clock.now
        defer { totals[stage, default: .zero] += clock.now - start }
        return try work()
    }

    var timings: [(stage: BuildStage, duration: Duration)] {
        BuildStage.allCases.compactMap { stage in totals[stage].map { (stage, $0) } }
    }
}
