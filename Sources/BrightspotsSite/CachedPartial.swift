import Synchronization

/// A theme partial rendered once per key and reused wherever the same thing is shown (as Hugo's `partialCached`
/// does): each entry's card (`entry-card`), listed on many pages, and the site's header and footer for each
/// section (`site-header`, `site-footer`), around every page. Rendered page by page, these were most of what
/// rendering a page cost.
///
/// Templates show a cached part with `{{#card}}{{{.}}}{{/card}}`, falling back to `{{> entry-card}}` when a view
/// has none; `page.mustache` puts each tag of the header's and footer's on a line of its own, so that both ways
/// give the same bytes. A cached partial sees only what it is rendered from (an entry's summary; the site's view as `site`),
/// which are also what decides whether a page is rendered again, so a page's cached output never holds a stale
/// part.
final class CachedPartial: Sendable {
    let template: String
    private let theme: Theme
    private let made = Mutex<[String: String]>([:])

    /// Nil when the theme has no such template.
    init?(theme: Theme, template: String) {
        guard theme.hasTemplate(template) else { return nil }
        self.theme = theme
        self.template = template
    }

    /// The partial for `key`, rendered from `context` (a template tree) the first time it is asked for. The
    /// trailing line break is left off: the template's own line ends the part, as the line break after a
    /// standalone partial tag would.
    func render(_ key: String, _ context: () -> Any) -> String {
        if let part = made.withLock({ $0[key] }) { return part }
        var part = theme.render(template, context())
        if part.hasSuffix("\n") { part.removeLast() }
        made.withLock { $0[key] = part }
        return part
    }
}

/// The cached partials of a build.
struct CachedPartials: Sendable {
    var cards: CachedPartial?
    var header: CachedPartial?
    var footer: CachedPartial?

    init(theme: Theme) {
        cards = CachedPartial(theme: theme, template: "entry-card")
        header = CachedPartial(theme: theme, template: "site-header")
        footer = CachedPartial(theme: theme, template: "site-footer")
    }
}
