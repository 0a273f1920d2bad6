import BrightspotsCore
import Markdown

/// What the build needs to know about an entry to tell, without building any page, which pages an edit can change.
/// Made when the file is parsed and kept with it, so an unchanged file costs nothing.
struct EntryDigest: Sendable, Hashable {
    /// Everything pages show of the entry except its body's HTML: the file's path and front matter, the summary
    /// (which may come from the body's first paragraph) and the entries its body links to (backlinks).
    var meta: Fingerprint
    /// The key of the body's HTML when the body needs no `[[slug]]` resolving (it then depends on nothing else);
    /// nil when it has wiki links, whose text depends on the linked entries.
    var bodyKey: Fingerprint?
    /// The slugs the body links to, for backlinks.
    var targets: [String]
    /// The body's `[[slug]]` links, for the cross-reference check.
    var links: [WikiLinks.Link]
    /// The key of the body's Markdown before `[[slug]]` links are resolved.
    var rawBody: Fingerprint

    /// `text` is the file's whole text and `entry` what it parsed to.
    static func of(_ entry: Entry, text: String, sections: Set<String>) -> EntryDigest {
        let targets = WikiLinks.targets(of: entry, sections: sections).sorted()
        // The body is the end of the file: what comes before it is the front matter and its fences.
        var frontMatter = Substring(text)
        // Compared as bytes: `hasSuffix` compares characters, which cost more than the rest of the digest.
        if text.hasSuffixBytes(entry.body) {
            frontMatter = text.prefix(upTo: text.utf8.index(text.utf8.endIndex, offsetBy: -entry.body.utf8.count))
        }
        let sink = DigestSink()
        sink.string(entry.file)
        sink.string(String(frontMatter))
        sink.string(entry.summary)
        sink.integer(UInt64(targets.count))
        for target in targets { sink.string(target) }
        let meta = sink.buffer.withUnsafeBytes { Fingerprint.of(bytes: $0) }
        let rawBody = Fingerprint.of(BodySet.engine + entry.body)
        let links = WikiLinks.find(in: entry.body)
        return EntryDigest(meta: meta, bodyKey: entry.body.containsBytes("[[") ? nil : rawBody, targets: targets,
                           links: links, rawBody: rawBody)
    }
}
