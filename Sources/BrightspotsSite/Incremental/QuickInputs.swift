import BrightspotsCore
import Foundation
import Markdown

/// Page inputs that cost nothing to compute: everything a page can show except bodies' HTML, digested once for the
/// whole site, plus the body keys of the entries whose HTML the page holds.
///
/// Most edits change one entry's body and nothing else. Then every page's quick input is as it was except those of
/// the entry's own page, the feeds that carry it and the search index, and only they are looked at again. When
/// anything else changed (a title, a tag, the theme), every quick input differs. An entry page then looks at its
/// narrow input (`input(file:template:bodies:shown:)`: the frame and the few entries it shows); any other page, or
/// an entry page whose narrow input differs too, falls back to its full input: the digest of its whole view
/// (`PageJob.view`, bodies by their keys), which is exact but costs a view per page.
struct QuickInputs: Sendable {
    /// The digest of the code, the theme, the configuration, the forum editions, the audience, the day, and every
    /// published entry's `EntryDigest.meta` in site order. Nil when some entry has no digest: every quick input is
    /// then unique, so nothing is vouched for by it.
    let site: Fingerprint?
    /// The same without the entries: the code, the theme, the configuration, the editions, the audience, the day.
    /// Nil when `site` is.
    let frame: Fingerprint?
    /// Each published entry's `EntryDigest.meta` by slug; empty when `site` is nil.
    let metas: [String: Fingerprint]
    let bodyKeys: [String: Fingerprint]

    init(loaded: LoadedContent, visible: ContentCollection, themeDigest: Fingerprint, options: BuildOptions,
         bodyKeys: [String: Fingerprint]) {
        self.bodyKeys = bodyKeys
        var parts = [Self.code, themeDigest, Fingerprint.of(Markdown.engine), Fingerprint.of(options.audience.rawValue),
                     Fingerprint.of(options.today.description)]
        guard let config = loaded.configDigest else { (site, frame, metas) = (nil, nil, [:]); return }
        parts.append(config)
        let frame = Fingerprint.combining(parts)
        parts.reserveCapacity(parts.count + visible.entries.count)
        var metas: [String: Fingerprint] = [:]
        metas.reserveCapacity(visible.entries.count)
        for entry in visible.entries {
            guard let digest = loaded.digests[entry.file] else { (site, self.frame, self.metas) = (nil, nil, [:]); return }
            parts.append(digest.meta)
            metas[entry.slug] = digest.meta
        }
        site = Fingerprint.combining(parts)
        self.frame = frame
        self.metas = metas
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

    /// The digest of what a page shows of entries, given as lists of slugs (an entry page: `[[itself], its
    /// related entries, those linking to it]`): each list's length, then each entry's slug and front matter
    /// (`EntryDigest.meta`) in order. Nil when an entry has no digest.
    func shown(_ lists: [[String]]) -> Fingerprint? {
        guard frame != nil else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lists.reduce(0) { $0 + 8 + 64 * $1.count })
        for list in lists {
            withUnsafeBytes(of: UInt64(list.count).littleEndian) { bytes.append(contentsOf: $0) }
            for slug in list {
                guard let meta = metas[slug] else { return nil }
                bytes.append(contentsOf: slug.utf8)
                bytes.append(0)
                meta.append(to: &bytes)
            }
        }
        return Fingerprint.of(bytes: bytes)
    }

    /// The narrow input of a page that shows nothing of other entries but what `shown` (from `shown(_:)`) digests,
    /// with the bodies of `slugs` (`FileRecord.narrow`): made from the frame rather than from every entry's front
    /// matter, so that the page is kept when an entry it does not show is added, removed or retitled. The caller
    /// vouches that the page shows nothing else of other entries, not even their number or order.
    func input(file: String, template: String, bodies slugs: [String], shown: Fingerprint) -> Fingerprint? {
        guard let frame else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(51 + file.utf8.count + template.utf8.count + 16 * slugs.count)
        bytes.append(0x66)  // "f": never the bytes `input(file:template:bodies:extra:)` makes for the same page
        frame.append(to: &bytes)
        bytes.append(contentsOf: file.utf8)
        bytes.append(0)
        bytes.append(contentsOf: template.utf8)
        bytes.append(0)
        shown.append(to: &bytes)
        for slug in slugs { (bodyKeys[slug] ?? Fingerprint(high: 0, low: 0)).append(to: &bytes) }
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
