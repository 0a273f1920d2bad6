import Mustache

/// A list of views in a page's view that a template tree holds as it is: each element's tree (`TemplateValue`) is
/// made only when a template goes through the list or takes an element from it (`first(entries)`).
///
/// A list page's view holds its twenty entries, and an entry page's its related entries, but the default theme
/// shows them as their cards in one piece (`cards`) and asks the list only whether it is `empty`; making a tree per
/// entry for every page that lists it was a tenth of what making the trees cost. The digest is written exactly as
/// for the array, so the list decides a page's rendering as before. Everything else (JSON, `Mirror`) sees the array.
@propertyWrapper
public struct ListedLazily<Element: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: [Element]

    public init(wrappedValue: [Element]) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        if TemplateValue.isTreeEncoder(encoder) {
            if let sink = TemplateValue.digestSink(of: encoder) { try wrappedValue.encode(to: DigestEncoder(sink: sink)) }
            _ = TemplateValue.splice(TemplateList(wrappedValue), into: encoder)
            return
        }
        try wrappedValue.encode(to: encoder)
    }
}

/// The template side of `ListedLazily`: a sequence, with the transforms, of the trees an array of the elements
/// would hold, each made when it is reached.
struct TemplateList<Element: Encodable>: MustacheSequence, MustacheTransformable, MustacheParent,
    CustomStringConvertible {
    let elements: [Element]

    init(_ elements: [Element]) { self.elements = elements }

    struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[Element]>
        mutating func next() -> Any? { base.next().map { TemplateValue.tree($0) } }
    }

    func makeIterator() -> Iterator { Iterator(base: elements.makeIterator()) }

    /// The array's transforms (`first`, `last`, `reversed`, `count`, `empty`); trees are never comparable, so an
    /// array of them has no `sorted` either.
    func transform(_ name: String) -> Any? {
        switch name {
        case "first": return elements.first.map { TemplateValue.tree($0) }
        case "last": return elements.last.map { TemplateValue.tree($0) }
        case "reversed": return Array(self).reversed()
        case "count": return elements.count
        case "empty": return elements.isEmpty
        default: return nil
        }
    }

    /// An array has no named fields: inside `{{^entries}}…{{/entries}}` a name is looked for further out.
    func child(named name: String) -> Any? { nil }

    /// What the array of trees prints as, should a template show the list itself.
    var description: String { String(describing: Array(self)) }
}
