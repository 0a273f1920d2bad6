import BrightspotsCore
import BrightspotsSite
import BrightspotsStore
import Foundation

/// What a takedown did, for the person who asked for it.
public struct TakedownReport: Sendable {
    public var file: String
    public var slug: String
    public var title: String
    /// The submission the entry was published from, if it came through the daemon.
    public var reference: String?
    /// The trash item keeping the file's text, and until when; nil with `--purge`.
    public var trashID: Int64?
    public var keptUntil: Date?
    public var build: BuildSummary
    /// Files read by the check that nothing still mentions the entry.
    public var checked: Int
    /// Files that still mention the entry's slug or title (the check failed when not empty).
    public var mentions: [(file: String, found: [String])]
}

public enum TakedownError: Error, CustomStringConvertible {
    case notFound(String, suggestion: String?)
    /// Other entries link to it: removing it would break their pages (and the build). Nothing was changed.
    case linkedFrom(slug: String, files: [String])
    case emptyReason
    /// The site could not be rebuilt without the entry: the file was put back and the old site still serves.
    case rebuild(String)

    public var description: String {
        switch self {
        case .notFound(let target, let suggestion):
            return "no entry has the slug or address \"\(target)\"." + (suggestion.map { " Did you mean \($0)?" } ?? "")
                + " The slug is the last part of the entry's address, e.g. late-discharge in /after-action-reviews/late-discharge/."
        case .linkedFrom(let slug, let files):
            return "other pages link to \(slug), so they would break: \(files.joined(separator: ", ")). "
                + "Remove those links, related: entries or agenda lines first, then take it down. Nothing was changed."
        case .emptyReason:
            return "give a reason for the takedown: it is kept in the audit log."
        case .rebuild(let message):
            return "the site could not be rebuilt without the entry, so the file was put back and the site is unchanged: \(message)"
        }
    }
}

extension Publisher {
    /// Takes an entry off the site: keeps its file's text in the store's trash (unless `purge`), removes the file,
    /// rebuilds the site from nothing (so the spare folder and the build cache lose it too), and checks that no
    /// file of the site, beside it or in the cache still mentions its slug or title. Every step is in the audit log.
    /// Holds the publish lock throughout, so it never runs beside an approval or a backup.
    public func takeDown(_ target: String, reason: String, by actor: String, purge: Bool,
                         retention: RetentionPolicy, store: any SubmissionStore) async throws -> TakedownReport {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw TakedownError.emptyReason }
        // As an approval does: no approval or backup (in this process or another) sees a half-done takedown.
        let held = try await lock.acquire()
        defer { held.release() }
        let site = snapshot
        let slug = Self.slug(from: target)
        guard let entry = site.entries.first(where: { $0.slug == slug }) else {
            throw TakedownError.notFound(target, suggestion: Suggestion.nearest(to: slug, in: site.entries.map(\.slug)))
        }
        let sections = Set(site.site.kinds.map(\.section))
        var linking = site.entries.filter { other in
            other.slug != slug && (other.related.contains(slug) || WikiLinks.targets(of: other, sections: sections).contains(slug))
        }.map(\.file)
        for edition in site.editions {
            for item in edition.agenda where item.slug == slug { linking.append("\(edition.file):\(item.line) (forum agenda)") }
        }
        guard linking.isEmpty else { throw TakedownError.linkedFrom(slug: slug, files: linking) }

        let url = options.project.url(entry.file)
        let bytes = try Data(contentsOf: url)
        let text = String(decoding: bytes, as: UTF8.self)
        let reference = try await store.submissions(status: .approved).first { $0.publishedFile == entry.file }?.reference
        let now = Date()
        let takenDown = AuditRecord(at: now, actor: actor, action: .takenDown, reference: reference,
                                    detail: "\(entry.file): \(reason)")
        // The store first: once the file is gone its text is in the trash (or the purge is on record).
        var trashID: Int64?
        if purge {
            let purged = AuditRecord(at: now, actor: actor, action: .purged, reference: reference,
                                     detail: "taken-down entry, not kept")
            if let reference {
                try await store.redact(reference: reference, at: now, audit: [takenDown, purged])
            } else {
                try await store.appendAudit(takenDown)
                try await store.appendAudit(purged)
            }
        } else {
            trashID = try await store.addToTrash(
                TrashItem(file: entry.file, slug: slug, title: entry.title, text: text, reference: reference,
                          takenDownAt: now, takenDownBy: actor, reason: reason),
                audit: [takenDown])
        }
        try FileManager.default.removeItem(at: url)
        let summary: BuildSummary
        do {
            summary = try rebuildFromNothing()
        } catch {
            try? AtomicFile.write(bytes, to: url)
            try? await store.appendAudit(AuditRecord(at: Date(), actor: actor, action: .takedownFailed,
                                                     reference: reference, detail: "\(entry.file): \(error)"))
            _ = try? rebuild()
            throw TakedownError.rebuild("\(error)")
        }
        let scan = TraceScan.scan(TraceScan.siteFolders(of: output) + cache.files,
                                  for: Traces(slug: slug, title: entry.title))
        return TakedownReport(file: entry.file, slug: slug, title: entry.title, reference: reference, trashID: trashID,
                              keptUntil: trashID == nil ? nil : retention.expiry(of: now), build: summary,
                              checked: scan.checked, mentions: scan.mentions)
    }

    /// A slug from what a person may paste: the slug, the page's address or the entry's file name.
    static func slug(from target: String) -> String {
        var text = target.trimmingCharacters(in: .whitespacesAndNewlines)
        if let range = text.range(of: "://") {
            text = String(text[range.upperBound...].drop { $0 != "/" })
        }
        let parts = text.split(separator: "/").map(String.init)
        var last = parts.last ?? text
        if last == "index.html", parts.count > 1 { last = parts[parts.count - 2] }
        if last.hasSuffix(".md") { last = String(last.dropLast(3)) }
        return last.lowercased()
    }
}
