import Synchronization

/// Each entry's card, the theme's `entry-card` partial, rendered once per build and reused wherever the entry is
/// listed (as Hugo's `partialCached` does). A list page shows twenty cards and an entry page several more, so the
/// same card was rendered again on every page that listed it; that was most of what rendering a page cost.
///
/// Templates show it with `{{#card}}{{{.}}}{{/card}}`, falling back to `{{> entry-card}}` when a view has none.
/// The card is made from the summary's other fields and the theme only, both of which decide whether a page is
/// rendered again, so a page's cached output never holds a stale card.
final class CardRenderer: Sendable {
    static let template = "entry-card"
    private let theme: Theme
    private let cards = Mutex<[String: String]>([:])

    /// Nil when the theme has no `entry-card` template.
    init?(theme: Theme) {
        guard theme.hasTemplate(Self.template) else { return nil }
        self.theme = theme
    }

    /// The card for `slug`, rendered from `view` the first time it is asked for. The trailing line break is left
    /// off: the template's own line ends the card, as the line break after a standalone partial tag would.
    func card(for slug: String, _ view: () -> EntrySummaryView) -> String {
        if let card = cards.withLock({ $0[slug] }) { return card }
        var card = theme.render(Self.template, TemplateValue.tree(view()))
        if card.hasSuffix("\n") { card.removeLast() }
        cards.withLock { $0[slug] = card }
        return card
    }
}
