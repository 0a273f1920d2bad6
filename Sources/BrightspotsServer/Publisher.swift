import BrightspotsCore
import BrightspotsSite
import BrightspotsStore
import Foundation
import Synchronization

/// Publishes approved submissions: writes the entry file into Content/ and rebuilds the site, one at a time.
/// Holds the daemon's current view of the site, reloaded after each publish.
public actor Publisher {
    public let options: BuildOptions
    /// The built site the daemon serves.
    public let output: URL
    /// The site as the daemon shows it now. Read without waiting for the actor: a publish or a rebuild takes
    /// seconds, and meanwhile every page goes on being served from the snapshot before it.
    public nonisolated var snapshot: SiteSnapshot { current.withLock { $0 } }
    private let current: Mutex<SiteSnapshot>
    /// What the last build made, so that a publish renders and writes only what changed.
    public let cache: BuildCache

    public init(options: BuildOptions, output: URL, cache: BuildCache = .memory()) throws {
        self.options = options
        self.output = output
        self.cache = cache
        current = Mutex(try SiteSnapshot.load(options, cache: cache))
    }

    public struct Published: Sendable {
        public var file: String
        public var path: String
        public var slug: String
    }

    public enum Failure: Error, CustomStringConvertible {
        /// The entry would not pass `check`: nothing was written.
        case problems(ProblemReport)
        /// Writing the file or the site failed: the file was removed again and the old site still serves.
        case write(String)

        public var description: String {
            switch self {
            case .problems(let report): return report.description
            case .write(let message): return message
            }
        }
    }

    /// The entry file's path and text for an approved submission, without writing anything.
    public func document(for stored: StoredSubmission) -> (file: String, slug: String, markdown: String) {
        let date = Self.day(of: stored.submittedAt)
        let folder = "Content/\(stored.submission.kind)/\(date.year)"
        let onDisk = Set(((try? FileManager.default.contentsOfDirectory(
            atPath: options.project.url(folder).path)) ?? []).filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) })
        let slug = snapshot.freeSlug(for: stored.submission.title, taken: onDisk)
        let markdown = SubmissionDocument.markdown(stored.submission, vocabulary: snapshot.vocabulary, date: date,
                                                   allowances: stored.allowances)
        return ("\(folder)/\(slug).md", slug, markdown)
    }

    /// Writes the entry, rebuilds the site and reloads the snapshot. On any failure nothing is left behind.
    public func publish(_ stored: StoredSubmission) throws -> Published {
        let (file, slug, markdown) = document(for: stored)
        if case .failure(let report) = snapshot.parse(markdown: markdown, file: file) { throw Failure.problems(report) }
        let url = options.project.url(file)
        do {
            try AtomicFile.write(Data(markdown.utf8), to: url)
        } catch {
            throw Failure.write("\(error)")
        }
        do {
            _ = try SiteBuilder.build(options, output: output, cache: cache)
        } catch {
            try? FileManager.default.removeItem(at: url)
            if let report = error as? ProblemReport { throw Failure.problems(report) }
            throw Failure.write("\(error)")
        }
        if let reloaded = try? SiteSnapshot.load(options, cache: cache) { current.withLock { $0 = reloaded } }
        return Published(file: file, path: snapshot.entryPath(kind: stored.submission.kind, slug: slug), slug: slug)
    }

    /// Approves a pending submission: publishes it, then records the decision and its audit row. One approval
    /// at a time, so two moderators approving the same submission publish it once.
    public func approve(reference: String, by moderator: String, store: any SubmissionStore) async throws -> Published {
        guard var stored = try await store.submission(reference: reference) else { throw StoreError.notFound(reference) }
        guard stored.status == .pending else { throw StoreError.conflict(reference: reference, status: stored.status) }
        let published = try publish(stored)
        stored.status = .approved
        stored.decidedAt = Date()
        stored.decidedBy = moderator
        stored.publishedFile = published.file
        stored.publishedPath = published.path
        let audit = [AuditRecord(at: stored.decidedAt!, actor: moderator, action: .approved, reference: reference,
                                 detail: published.file)]
        try await store.update(stored, expected: .pending, audit: audit)
        return published
    }

    /// Rebuilds the site from Content/ and the theme as they are (after an edit by hand, say): only what changed
    /// is rendered and written.
    @discardableResult
    public func rebuild() throws -> BuildSummary {
        let summary = try SiteBuilder.build(options, output: output, cache: cache)
        let reloaded = try SiteSnapshot.load(options, cache: cache)
        current.withLock { $0 = reloaded }
        return summary
    }

    /// Rebuilds the whole site with the cache emptied first, then empties the cache's write-ahead log: after a
    /// takedown, neither the site, nor its spare folder, nor the cache holds anything built from the removed file.
    @discardableResult
    public func rebuildFromNothing() throws -> BuildSummary {
        let summary = try SiteBuilder.build(options, output: output, cache: cache, clean: true)
        try cache.checkpoint()
        let reloaded = try SiteSnapshot.load(options, cache: cache)
        current.withLock { $0 = reloaded }
        return summary
    }

    /// The calendar day (UK time) a submission was sent.
    static func day(of date: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
