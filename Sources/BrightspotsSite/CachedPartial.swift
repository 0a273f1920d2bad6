import Synchronization

/// A theme partial rendered once per key and reused wherever the same thing is shown (as Hugo's `partialCached`
/// does): each entry's card (`entry-card`), listed on many pages, and the site's part of `<head>`, header and
/// footer for each section (`site-head`, `site-header`, `site-footer`), around every page. Rendered page by page,
/// these were most of what rendering a page cost.
///
/// Templates show a card with `{{#card}}{{{.}}}{{/card}}`, falling back to `{{> entry-card}}` when a view has none,
/// and the layout shows the site's parts whole (`{{{site.header}}}`); a part's trailing line break is left off, so
/// the line of the tag that shows it ends it. A cached partial sees only what it is rendered from (an entry's
/// summary; the site's view as `site`), which are also what decides whether a page is rendered again, so a page's
/// cached output never holds a stale part.
final class CachedPartial: Sendable {
    let template: String
    private let theme: Theme
    private let made = Mutex<[String: String]>([:])
    /// Parts kept from earlier builds in this process, by what they were rendered from; nil in a process that
    /// builds once.
    private let memory: PartMemory?
    /// What every key in `memory` starts from: the code and the templates, this one's name.
    private let memoryKey: Fingerprint?

    /// Nil when the theme has no such template.
    init?(theme: Theme, template: String, memory: PartMemory? = nil) {
        guard theme.hasTemplate(template) else { return nil }
        self.theme = theme
        self.template = template
        self.memory = memory
        memoryKey = memory.map { _ in Fingerprint.combining([theme.digest, QuickInputs.code, Fingerprint.of(template)]) }
    }

    /// The partial for `key`, rendered from `context` (a template tree) the first time it is asked for. The
    /// trailing line break is left off: the template's own line ends the part, as the line break after a
    /// standalone partial tag would. With a memory, `source` (the digest of everything `context` holds) finds a
    /// part rendered by an earlier build from the same fields with the same templates.
    func render(_ key: String, source: (() -> Fingerprint)? = nil, _ context: () -> Any) -> String {
        if let part = made.withLock({ $0[key] }) { return part }
        var remembered: Fingerprint?
        if let source, let memoryKey { remembered = Fingerprint.combining([memoryKey, source()]) }
        var part: String
        if let remembered, let known = memory?.part(remembered) {
            part = known
        } else {
            part = theme.render(template, context())
            if part.hasSuffix("\n") { part.removeLast() }
            if let remembered { memory?.keep(part, as: remembered) }
        }
        made.withLock { $0[key] = part }
        return part
    }
}

/// Rendered parts kept between the builds of one process (`serve --watch`, the daemon publishing), by the digest
/// of their template and what they were rendered from, so the same part is never stale. After an approval every
/// list page of the entry's section, tags and principles moves along by one and is rendered again: each shows
/// twenty cards, which were rendered again too, most of them unchanged.
///
/// A part unused by a build is forgotten at its end once the memory holds more than twice as many parts as that
/// build used, so it never grows past a few builds' worth.
final class PartMemory: Sendable {
    private struct State {
        var parts: [Fingerprint: (part: String, build: Int)] = [:]
        var build = 0
        var used = 0
        var found = 0
    }

    private let state = Mutex(State())

    init() {}

    func part(_ key: Fingerprint) -> String? {
        state.withLock { state in
            guard let known = state.parts[key] else { return nil }
            if known.build != state.build {
                state.parts[key] = (known.part, state.build)
                state.used += 1
                state.found += 1
            }
            return known.part
        }
    }

    func keep(_ part: String, as key: Fingerprint) {
        state.withLock { state in
            if state.parts.updateValue((part, state.build), forKey: key)?.build != state.build { state.used += 1 }
        }
    }

    /// Ends a build: parts it did not use are forgotten if there are more than twice as many as it used.
    func endBuild() {
        state.withLock { state in
            if state.parts.count > 2 * state.used {
                let build = state.build
                state.parts = state.parts.filter { $0.value.build == build }
            }
            state.build += 1
            state.used = 0
        }
    }

    var count: Int { state.withLock { $0.parts.count } }

    /// How many parts kept by an earlier build a later one found, each counted once per build, over the memory's
    /// life (for tests). A part kept by this build can be found in it too, when two threads ask for the same card
    /// at once: that is not counted.
    var found: Int { state.withLock { $0.found } }
}

/// The cached partials of a build.
struct CachedPartials: Sendable {
    var cards: CachedPartial?
    var head: CachedPartial?
    var header: CachedPartial?
    var footer: CachedPartial?

    /// `memory` keeps cards for the process's next build.
    init(theme: Theme, memory: PartMemory? = nil) {
        cards = CachedPartial(theme: theme, template: "entry-card", memory: memory)
        head = CachedPartial(theme: theme, template: "site-head")
        header = CachedPartial(theme: theme, template: "site-header")
        footer = CachedPartial(theme: theme, template: "site-footer")
    }
}
