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
    /// Pages rendered through the theme (the rest were unchanged and kept).
    public var rendered: Int = 0
    /// Pages whose views were built to tell whether they changed: those the quick inputs could not vouch for.
    public var compared: Int = 0
    /// Files written (the rest were unchanged, or linked from the previous site).
    public var written: Int = 0
    /// Files the previous site had that this one does not.
    public var removed: Int = 0
    /// Bodies converted by discount (the rest came from the cache).
    public var bodiesRendered: Int = 0
    /// What the build read, for the daemon's snapshot of the site (`SiteSnapshot.build`).
    var content: (loaded: LoadedContent, vocabulary: Vocabulary, theme: Theme)?
    /// Everything else the build made (the index, the pages' plan and views, the bodies), held as long as the
    /// summary is: a command that exits right after a build keeps the summary to the end and leaves all of it to
    /// the process's exit, as compilers do (clang's `-disable-free`). Freed piece by piece it took a core for a
    /// tenth of a second at 10,000 entries and half a second at 50,000, after the site was written.
    var workingSet: (any Sendable)?

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
    static func indexedContent(_ options: BuildOptions, cache: BuildCache? = nil)
        throws -> (loaded: LoadedContent, vocabulary: Vocabulary, visible: ContentCollection) {
        let loaded = SiteLoader.load(options.project, cache: cache)
        let all = ContentCollection(loaded.entries)
        let problems = loaded.problems + indexProblems(all, loaded.editions, digests: loaded.digests)
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

    /// Builds into a sink, rendering and writing every file. Throws a `ProblemReport` holding every problem if the
    /// content does not check.
    public static func build(_ options: BuildOptions, into sink: OutputSink) throws -> BuildSummary {
        try run(options, target: .sink(sink), cache: .memory())
    }

    /// Builds into `output` atomically: the new site appears whole or not at all. With a cache, only what changed
    /// since the cache's last build is rendered and written (see `BuildCache`); without one, everything is.
    /// `clean` ignores (and then refills) the cache; `purge` (a takedown) also empties it first, so nothing the
    /// cache held before the build is left in its file.
    public static func build(_ options: BuildOptions, output: URL, cache: BuildCache? = nil,
                             clean: Bool = false, purge: Bool = false) throws -> BuildSummary {
        try run(options, target: .folder(output), cache: cache ?? .memory(), fresh: cache == nil || clean || purge,
                purge: purge)
    }

    /// Deletes the site the last build replaced (`<output>.previous`), which builds otherwise keep to write the
    /// next site over: after a takedown no copy of the old site may remain.
    public static func removePreviousSite(of output: URL) throws {
        let spare = SiteFolders(live: output).spare
        guard FileManager.default.fileExists(atPath: spare.path) else { return }
        try FileManager.default.removeItem(at: spare)
    }

    /// Problems that need every entry and edition: duplicate slugs, cross-references, forum months and agendas.
    static func indexProblems(_ all: ContentCollection, _ editions: [ForumEdition],
                              digests: [String: EntryDigest] = [:]) -> [Problem] {
        let links: ((Entry) -> [WikiLinks.Link]?)? = digests.isEmpty ? nil : { digests[$0.file]?.links }
        var problems = all.duplicateProblems + all.crossReferenceProblems(links: links)
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

}

/// Writing the output failed (disk full, permissions): the first failure and how many there were.
public struct WriteError: Error, CustomStringConvertible {
    public var message: String
    public var count: Int
    /// The disk was full (Foundation's message for that does not always say so).
    public var diskFull = false
    public var description: String {
        "could not write the site: \(message)" + (diskFull ? " (no space left on the disk)" : "")
            + (count > 1 ? " (and \(count - 1) more files)" : "")
    }

    init(message: String, count: Int) {
        self.message = message
        self.count = count
    }

    /// Writing `path` failed with `error`.
    init(_ path: String, _ error: any Error) {
        self.init(message: "\(path): \(error.localizedDescription)", count: 1)
        diskFull = OutOfSpace.isCause(of: error)
    }

    /// The first of several failures, with their number; full if any was.
    func counting(_ all: [WriteError]) -> WriteError {
        var first = self
        first.count = all.count
        first.diskFull = all.contains { $0.diskFull }
        return first
    }
}
