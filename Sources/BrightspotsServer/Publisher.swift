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
    /// Held from re-reading a submission to recording its approval, so a backup sees Content/ and the store agree,
    /// and the daemon and `brightspots moderate approve` never publish at once.
    public let lock: PublishLock

    public init(options: BuildOptions, output: URL, cache: BuildCache = .memory()) throws {
        self.options = options
        self.output = output
        self.cache = cache
        cache.expectRebuilds()
        lock = PublishLock(projectRoot: options.project.root)
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
        /// As `write`, because the disk holding `folder` is full.
        case diskFull(folder: String, detail: String)

        public var description: String {
            switch self {
            case .problems(let report): return report.description
            case .write(let message): return message
            case .diskFull(let folder, let detail):
                return "the disk is full (\(detail)). Nothing was published: the site is as it was and the submission "
                    + "is still pending. Free some space on the disk holding \(folder), then approve it again."
            }
        }

        /// `.diskFull` when the disk ran out of space, else `.write`.
        init(writing error: any Error, folder: URL) {
            self = OutOfSpace.isCause(of: error) ? .diskFull(folder: folder.path, detail: "\(error)") : .write("\(error)")
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
        let newFolder = !FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path)
        do {
            try AtomicFile.write(Data(markdown.utf8), to: url)
        } catch {
            if newFolder { rmdir(url.deletingLastPathComponent().path) }
            throw Failure(writing: error, folder: options.project.root)
        }
        do {
            let (_, reloaded) = try SiteSnapshot.build(options, output: output, cache: cache)
            current.withLock { $0 = reloaded }
        } catch {
            unpublish(url, removingFolder: newFolder)
            if let report = error as? ProblemReport { throw Failure.problems(report) }
            throw Failure(writing: error, folder: options.project.root)
        }
        return Published(file: file, path: snapshot.entryPath(kind: stored.submission.kind, slug: slug), slug: slug)
    }

    /// Approves a pending submission: publishes it, then records the decision and its audit row. The publish lock
    /// (`PublishLock`) is held from re-reading the submission to recording the decision, so approvals run one at a
    /// time even across processes and across this actor's suspension points: two moderators approving the same
    /// submission publish it once, and a backup never sees the file without the decision. If the store cannot
    /// record the decision, the entry is taken out again, so the site and the queue do not disagree.
    public func approve(reference: String, by moderator: String, store: any SubmissionStore) async throws -> Published {
        let held = try await lock.acquire()
        defer { held.release() }
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
        do {
            try await store.update(stored, expected: .pending, audit: audit)
        } catch {
            unpublish(options.project.url(published.file), removingFolder: false)
            do {
                try rebuild()
            } catch {
                throw Failure.write("the approval could not be recorded, and the site could not be rebuilt without "
                                    + "the entry: \(error). Run brightspots build once the cause is fixed.")
            }
            throw error
        }
        return published
    }

    /// Removes an entry file written by a publish that failed, and its year folder if the publish made it.
    private func unpublish(_ url: URL, removingFolder: Bool) {
        unlink(url.path)
        if removingFolder { rmdir(url.deletingLastPathComponent().path) }
    }

    /// Rebuilds the site from Content/ and the theme as they are (after an edit by hand, say): only what changed
    /// is rendered and written.
    @discardableResult
    public func rebuild() throws -> BuildSummary {
        let (summary, reloaded) = try SiteSnapshot.build(options, output: output, cache: cache)
        current.withLock { $0 = reloaded }
        return summary
    }

    /// Rebuilds the whole site with the cache emptied first, then empties the cache's write-ahead log: after a
    /// takedown, neither the site, nor its spare folder, nor the cache holds anything built from the removed file.
    @discardableResult
    public func rebuildFromNothing() throws -> BuildSummary {
        let (summary, reloaded) = try SiteSnapshot.build(options, output: output, cache: cache, clean: true, purge: true)
        try SiteBuilder.removePreviousSite(of: output)
        try cache.checkpoint()
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
