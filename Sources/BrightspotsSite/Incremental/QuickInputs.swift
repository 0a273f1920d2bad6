import BrightspotsCore
import Foundation
import Markdown

/// Page inputs that cost nothing to compute: everything a page can show except bodies' HTML, digested once for the
/// whole site, plus the body keys of the entries whose HTML the page holds.
///
/// Most edits change one entry's body and nothing else. Then every page's quick input is as it was except those of
/// the entry's own page, the feeds that carry it and the search index, and only they are looked at again. When
/// anything else changed (a title, a tag, the theme), every quick input differs and each page falls back to its
/// full input: the digest of its whole view (`PageJob.view`, bodies by their keys), which is exact but costs a view per page.
struct QuickInputs: Sendable {
    /// The digest of the code, the theme, the configuration, the forum editions, the audience, the day, and every
    /// published entry's `EntryDigest.meta` in site order. Nil when some entry has no digest: every quick input is
    /// then unique, so nothing is vouched for by it.
    let site: Fingerprint?
    let bodyKeys: [String: Fingerprint]

    init(loaded: LoadedContent, visible: ContentCollection, themeDigest: Fingerprint, options: BuildOptions,
         bodyKeys: [String: Fingerprint]) {
        self.bodyKeys = bodyKeys
        var parts = [Self.code, themeDigest, Fingerprint.of(Markdown.engine), Fingerprint.of(options.audience.rawValue),
                     Fingerprint.of(options.today.description)]
        guard let config = loaded.configDigest else { site = nil; return }
        parts.append(config)
        parts.reserveCapacity(parts.count + visible.entries.count)
        for entry in visible.entries {
            guard let digest = loaded.digests[entry.file] else { site = nil; return }
            parts.append(digest.meta)
        }
        site = Fingerprint.combining(parts)
    }

    /// The quick input of a file that shows the bodies of `slugs`; `extra` for what else it is made from.
    func input(file: String, template: String, bodies slugs: [String], extra: Fingerprint? = nil) -> Fingerprint? {
        guard let site else { return nil }
        // One digest over the site's, the names (each ended by a zero byte, which names never hold) and the keys.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(34 + file.utf8.count + template.utf8.count + 16 * (slugs.count + 1))
        site.append(to: &bytes)
        bytes.append(contentsOf: file.utf8)
        bytes.append(0)
        bytes.append(contentsOf: template.utf8)
        bytes.append(0)
        for slug in slugs { (bodyKeys[slug] ?? Fingerprint(high: 0, low: 0)).append(to: &bytes) }
        extra?.append(to: &bytes)
        return Fingerprint.of(bytes: bytes)
    }

    /// The running program's identity (its file's size and time): a new version of Brightspots may make different
    /// pages from the same content, so records made by another version are not trusted.
    static let code: Fingerprint = {
        #if os(Linux)
        let path = "/proc/self/exe"
        #else
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
        return FileStamp.of(path)?.fingerprint ?? Fingerprint.of(UUID().uuidString)
    }()
}
