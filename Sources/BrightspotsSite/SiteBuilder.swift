import BrightspotsCore
import Foundation
import Markdown

/// The named stages of a build, in order. Each is timed; `build --verbose` prints them.
public enum BuildStage: String, Sendable, CaseIterable {
    case load, index, render, write
}

public struct BuildOptions: Sendable {
    public var project: ProjectFiles
    public var theme: String
    public var audience: Audience
    /// The day the build treats as today: forum editions on or after it are upcoming.
    public var today: Day

    public init(project: ProjectFiles, theme: String = Theme.defaultName, audience: Audience = .public,
                today: Day = Day.today()) {
        self.project = project
        self.theme = theme
        self.audience = audience
        self.today = today
    }
}

public struct BuildSummary: Sendable {
    /// Entries published in this build (after drafts, private and audience filtering).
    public var entries: Int
    /// Entries read, including drafts and entries for other audiences.
    public var entriesRead: Int
    /// Entries left out, by reason: "draft", "private", "internal".
    public var leftOut: [(reason: String, count: Int)]
    public var pages: Int
    public var files: Int
    public var timings: [(stage: BuildStage, duration: Duration)]

    public var total: Duration { timings.reduce(.zero) { $0 + $1.duration } }
}

/// A file the render stage produced, to be written by the write stage.
public struct OutputFile: Sendable {
    public var path: String
    public var contents: Data
}

/// The site builder: load → index → render → write.
public enum SiteBuilder {
    /// Checks a project as `brightspots check` does: every file and every cross-reference, without rendering.
    public static func check(_ options: BuildOptions) -> ProblemReport {
        checkWithCount(options).report
    }

    /// The check's report and how many entries were read.
    public static func checkWithCount(_ options: BuildOptions) -> (report: ProblemReport, entries: Int) {
        let loaded = SiteLoader.load(options.project)
        let collection = ContentCollection(loaded.entries)
        var problems = loaded.problems + indexProblems(collection, loaded.editions)
        if case .failure(let report) = Theme.load(options.theme, project: options.project) {
            problems += report.problems
        }
        return (ProblemReport(problems), loaded.entries.count)
    }

    /// The load and index stages without rendering: what the commands that print figures need.
    /// Throws every problem the content has, as `build` would.
    static func indexedContent(_ options: BuildOptions)
        throws -> (loaded: LoadedContent, vocabulary: Vocabulary, visible: ContentCollection) {
        let loaded = SiteLoader.load(options.project)
        let all = ContentCollection(loaded.entries)
        let problems = loaded.problems + indexProblems(all, loaded.editions)
        guard problems.isEmpty, let vocabulary = loaded.vocabulary else { throw ProblemReport(problems) }
        return (loaded, vocabulary, all.visible(to: options.audience))
    }

    /// The return-on-investment figures a build for this audience would publish.
    public static func roiReport(_ options: BuildOptions) throws -> ROIReport {
        let content = try indexedContent(options)
        return ROIReport(collection: content.visible, vocabulary: content.vocabulary)
    }

    /// A forum edition and its agenda as a build for this audience would publish them.
    public static func forumAgenda(_ month: Month, options: BuildOptions) throws -> (ForumEdition, Agenda, pageURL: String)? {
        let content = try indexedContent(options)
        guard let edition = content.loaded.editions.first(where: { $0.month == month }) else { return nil }
        let urls = SiteURLs(site: content.vocabulary.site)
        return (edition, Agenda(edition: edition, entries: content.visible.entries(forum: month)),
                urls.absolute(urls.edition(month)))
    }

    /// Builds into a sink. Throws a `ProblemReport` holding every problem if the content does not check.
    public static func build(_ options: BuildOptions, into sink: OutputSink) throws -> BuildSummary {
        let clock = ContinuousClock()
        var timings: [(BuildStage, Duration)] = []
        func timed<T>(_ stage: BuildStage, _ work: () throws -> T) rethrows -> T {
            let start = clock.now
            defer { timings.append((stage, clock.now - start)) }
            return try work()
        }

        let (loaded, theme) = try timed(.load) { () throws -> (LoadedContent, Theme) in
            let loaded = SiteLoader.load(options.project)
            let theme = Theme.load(options.theme, project: options.project)
            var problems = loaded.problems
            if case .failure(let report) = theme { problems += report.problems }
            // Report everything check would, not just what loading found.
            if !problems.isEmpty { problems += indexProblems(ContentCollection(loaded.entries), loaded.editions) }
            guard problems.isEmpty, case .success(let theme) = theme else { throw ProblemReport(problems) }
            return (loaded, theme)
        }
        guard let vocabulary = loaded.vocabulary else { throw ProblemReport(loaded.problems) }

        let visible = try timed(.index) { () throws -> ContentCollection in
            let all = ContentCollection(loaded.entries)
            let problems = indexProblems(all, loaded.editions)
            guard problems.isEmpty else { throw ProblemReport(problems) }
            return all.visible(to: options.audience)
        }

        let files = timed(.render) {
            render(visible, vocabulary: vocabulary, theme: theme, audience: options.audience,
                   editions: loaded.editions, today: options.today)
        }

        try timed(.write) {
            let failures = ParallelMap.map(files) { file -> String? in
                do { try sink.write(file.path, contents: file.contents); return nil }
                catch { return "\(file.path): \(error.localizedDescription)" }
            }.compactMap { $0 }
            if let first = failures.first { throw WriteError(message: first, count: failures.count) }
        }
        let drafts = loaded.entries.filter(\.draft)
        let published = loaded.entries.filter { !$0.draft }
        let leftOut = [
            ("draft", drafts.count),
            ("private", published.filter { $0.visibility == .private }.count),
            ("internal", published.filter { $0.visibility == .internal && options.audience == .public }.count),
        ].filter { $0.1 > 0 }
        return BuildSummary(entries: visible.entries.count, entriesRead: loaded.entries.count, leftOut: leftOut,
                            pages: files.filter { $0.path.hasSuffix(".html") }.count, files: files.count,
                            timings: timings)
    }

    /// Builds into `output` atomically: a fresh folder swapped in whole only when every file is written.
    public static func build(_ options: BuildOptions, output: URL) throws -> BuildSummary {
        let atomic = try AtomicOutput(destination: output)
        do {
            let summary = try build(options, into: FolderSink(folder: atomic.staging))
            try atomic.commit()
            return summary
        } catch {
            atomic.abandon()
            throw error
        }
    }

    /// Problems that need every entry and edition: duplicate slugs, cross-references, forum months and agendas.
    static func indexProblems(_ all: ContentCollection, _ editions: [ForumEdition]) -> [Problem] {
        var problems = all.duplicateProblems + all.crossReferenceProblems()
        let months = Set(editions.map(\.month))
        for entry in all.entries {
            if let forum = entry.forum, !months.contains(forum) {
                problems.append(Problem(file: entry.file, line: entry.keyLines["forum"], .missingEdition(month: forum.description)))
            }
        }
        for edition in editions { problems += Agenda.problems(edition: edition, collection: all) }
        return problems
    }

    /// `[[slug]]` as a Markdown link to the entry with its title. An entry not in this build (an internal entry
    /// in a public build) is named by neither title nor slug, which could say more than its audience allows.
    static func resolveWikiLinks(_ body: String, collection: ContentCollection, urls: SiteURLs) -> String {
        WikiLinks.replace(in: body) { slug in
            guard let target = collection.entry(slug) else { return "a reflection not published here" }
            let title = target.title.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
            return "[\(title)](<\(urls.entry(target))>)"
        }
    }

    /// The render stage: bodies through discount on all cores, then every page, feed and the sitemap.
    static func render(_ collection: ContentCollection, vocabulary: Vocabulary, theme: Theme,
                       audience: Audience, editions: [ForumEdition] = [], today: Day = Day.today()) -> [OutputFile] {
        let urls = SiteURLs(site: vocabulary.site)
        let rendered = ParallelMap.map(collection.entries) {
            ($0.slug, Markdown.html(from: resolveWikiLinks($0.body, collection: collection, urls: urls)))
        }
        let bodies = Dictionary(uniqueKeysWithValues: rendered)
        let roi = ROIReport(collection: collection, vocabulary: vocabulary)
        let sections = Set(vocabulary.site.kinds.map(\.section))
        var backlinks: [String: [String]] = [:]
        for entry in collection.entries {
            for target in WikiLinks.targets(of: entry, sections: sections) where collection.entry(target) != nil {
                backlinks[target, default: []].append(entry.slug)
            }
        }
        let views = ViewFactory(vocabulary: vocabulary, collection: collection, urls: urls, audience: audience,
                                generator: "Brightspots (discount \(Markdown.discountVersion))", bodies: bodies, roi: roi,
                                backlinks: backlinks, editions: editions, today: today)

        // Each page: its URL path, its template, the date it last changed, and how to make its view.
        var pages: [(path: String, template: String, modified: Day?, view: @Sendable () -> Any)] = []
        let newest = collection.entries.first?.date
        pages.append((urls.home, "home", newest, { views.home() }))
        for kind in vocabulary.site.kinds {
            for (number, path) in views.pagePaths(urls.section(kind.id), count: collection.entries(kind: kind.id).count) {
                pages.append((path, "section", collection.entries(kind: kind.id).first?.date,
                              { views.section(kind, page: number) }))
            }
        }
        for entry in collection.entries {
            pages.append((urls.entry(entry), "entry", entry.date, { views.entryPage(entry) }))
        }
        pages.append((urls.tags, "tags", newest, { views.tagsIndex() }))
        for tag in collection.byTag.keys.sorted() {
            for (number, path) in views.pagePaths(urls.tag(tag), count: collection.entries(tag: tag).count) {
                pages.append((path, "tag", collection.entries(tag: tag).first?.date, { views.tagPage(tag, page: number) }))
            }
        }
        pages.append((urls.principles, "principles", newest, { views.principlesIndex() }))
        for principle in vocabulary.principles.principles {
            let count = collection.entries(principle: principle.slug).count
            for (number, path) in views.pagePaths(urls.principle(principle.slug), count: count) {
                pages.append((path, "principle", collection.entries(principle: principle.slug).first?.date,
                              { views.principlePage(principle, page: number) }))
            }
        }
        pages.append((urls.forum, "forum", editions.map(\.date).max(), { views.forumIndex() }))
        for edition in editions {
            pages.append((urls.edition(edition.month), "edition", edition.date, { views.editionPage(edition) }))
        }
        pages.append((urls.search, "search", newest, { views.searchPage() }))
        pages.append((urls.roi, "roi", newest, { views.roiPage() }))
        pages.append((urls.unitCosts, "unit-costs", nil, { views.unitCostsPage() }))
        var files = ParallelMap.map(pages) { page in
            OutputFile(path: SiteURLs.file(for: page.path), contents: Data(theme.render(page.template, page.view()).utf8))
        }
        files.append(OutputFile(path: "404.html", contents: Data(theme.render("404", views.notFound()).utf8)))

        let site = vocabulary.site
        files.append(OutputFile(path: "feed.xml", contents: Data(AtomFeed.render(
            title: site.title, path: urls.feed, entries: collection.entries, urls: urls, bodies: bodies, site: site).utf8)))
        for kind in site.kinds {
            let path = urls.sectionFeed(kind.id)
            files.append(OutputFile(path: SiteURLs.file(for: path), contents: Data(AtomFeed.render(
                title: "\(kind.plural) – \(site.title)", path: path, entries: collection.entries(kind: kind.id),
                urls: urls, bodies: bodies, site: site).utf8)))
        }
        for edition in editions {
            let agenda = Agenda(edition: edition, entries: collection.entries(forum: edition.month))
            let host = String(site.baseURL.split(separator: "/").dropFirst().first ?? "brightspots")
            files.append(OutputFile(path: SiteURLs.file(for: urls.editionCalendar(edition.month)), contents: Data(
                CalendarFile.render(edition: edition, agenda: agenda, pageURL: urls.absolute(urls.edition(edition.month)),
                                    host: host).utf8)))
        }
        files.append(OutputFile(path: SiteURLs.file(for: urls.searchIndex), contents: Data(
            SearchIndex.json(collection: collection, vocabulary: vocabulary, urls: urls, bodies: bodies).utf8)))
        files.append(OutputFile(path: SiteURLs.file(for: urls.roiCSV), contents: Data(ROIFormats.csv(roi).utf8)))
        files.append(OutputFile(path: SiteURLs.file(for: urls.roiJSON), contents: Data(ROIFormats.json(roi).utf8)))
        files.append(OutputFile(path: "sitemap.xml", contents: Data(
            Sitemap.render(pages.map { ($0.path, $0.modified) }, urls: urls).utf8)))
        for (path, source) in theme.staticFiles.sorted(by: { $0.key < $1.key }) {
            if let data = FileManager.default.contents(atPath: source.path) {
                files.append(OutputFile(path: path, contents: data))
            }
        }
        return files
    }
}

/// Writing the output failed (disk full, permissions): the first failure and how many there were.
public struct WriteError: Error, CustomStringConvertible {
    public var message: String
    public var count: Int
    public var description: String {
        "could not write the site: \(message)" + (count > 1 ? " (and \(count - 1) more files)" : "")
    }
}
