import Synchronization

/// A part of many pages' views (an entry's summary, the site's layout) encoded once per build for templates and
/// once for digests; each page's view then takes what was made instead of encoding the part again. A list page
/// holds twenty summaries and an entry page several more, so encoding them page by page was most of what making a
/// page's tree and digest cost. A tree takes exactly what encoding the fields would make. A digest takes the
/// fingerprint of what the fields write (a tag and 16 bytes), not the bytes themselves: a list page's digest held
/// twenty summaries' text, and hashing those bytes again on every page cost as much as hashing the page's HTML.
/// Every digest of a shared part is taken this way, so the same view always digests alike.
final class EncodedOnce: Sendable {
    /// The template tree is fields, arrays, text and scalars (`TemplateValue`), never changed once made.
    private struct State: @unchecked Sendable {
        var tree: Any?
        var digest: [UInt8]?
    }

    private let state = Mutex(State())
    private let fields: @Sendable (any Encoder) throws -> Void

    /// `fields` encodes the part's fields (never through this `EncodedOnce`).
    init(_ fields: @escaping @Sendable (any Encoder) throws -> Void) { self.fields = fields }

    /// Writes what was made before into `encoder` when it is a template-tree or digest encoder (or a tree encoder
    /// that digests too: both), making it the first time; false for any other encoder, which the caller encodes
    /// the fields into itself.
    func encode(to encoder: any Encoder) throws -> Bool {
        if let sink = DigestEncoder.sink(of: encoder) {
            sink.buffer.append(contentsOf: try digest())
            return true
        }
        guard TemplateValue.isTreeEncoder(encoder) else { return false }
        if let sink = TemplateValue.digestSink(of: encoder) { sink.buffer.append(contentsOf: try digest()) }
        let tree: Any
        if let made = state.withLock({ $0.tree }) {
            tree = made
        } else {
            tree = TemplateValue.tree(EncodedBy(fields))
            state.withLock { $0.tree = tree }
        }
        return TemplateValue.splice(tree, into: encoder)
    }

    /// What a digest takes for the fields: a tag (`#`) and the fingerprint of the bytes they write, made the
    /// first time.
    private func digest() throws -> [UInt8] {
        if let made = state.withLock({ $0.digest }) { return made }
        let fresh = DigestSink()
        try fields(DigestEncoder(sink: fresh))
        var made: [UInt8] = [0x23]
        fresh.buffer.withUnsafeBytes { Fingerprint.of(bytes: $0) }.append(to: &made)
        state.withLock { $0.digest = made }
        return made
    }
}

/// Encodes with a closure.
private struct EncodedBy: Encodable {
    let fields: (any Encoder) throws -> Void
    init(_ fields: @escaping (any Encoder) throws -> Void) { self.fields = fields }
    func encode(to encoder: any Encoder) throws { try fields(encoder) }
}

/// A view that can carry its encodings (`EncodedOnce`): it encodes its fields itself, and through them unless
/// `encodedOnce` is set.
protocol SharedEncodable: Sendable {
    var encodedOnce: EncodedOnce? { get set }
    func encodeFields(to encoder: any Encoder) throws
}

extension EntrySummaryView: SharedEncodable {}
extension SiteView: SharedEncodable {}

/// What a build's views share between pages: each entry's summary and the site's layout for each current page,
/// made once with their encodings (`EncodedOnce`).
final class SharedViews: Sendable {
    private let summaries = MadeOnce<EntrySummaryView>()
    private let sites = MadeOnce<SiteView>()

    func summary(_ slug: String, _ make: () -> EntrySummaryView) -> EntrySummaryView { summaries.view(slug, make) }

    func site(_ current: String, _ make: () -> SiteView) -> SiteView { sites.view(current, make) }
}

/// Views by key, each made the first time it is asked for, with its `EncodedOnce`.
private final class MadeOnce<View: SharedEncodable>: Sendable {
    private let views = Mutex<[String: View]>([:])

    func view(_ key: String, _ make: () -> View) -> View {
        if let made = views.withLock({ $0[key] }) { return made }
        var view = make()
        let fields = view
        view.encodedOnce = EncodedOnce { try fields.encodeFields(to: $0) }
        views.withLock { $0[key] = view }
        return view
    }
}
