import Foundation
import Mustache

/// A view model as the plain values templates read fastest: fields by name (`TemplateFields`), arrays, text
/// (`TemplateText`), numbers and booleans.
///
/// swift-mustache finds a struct's fields through `Mirror`, once per lookup and again for each enclosing context
/// when a name is not found; on a site of thousands of pages that reflection was most of the build. Fields in a
/// dictionary answer the same lookups directly. The tree is made by the view's own synthesized `encode(to:)`, so it
/// holds exactly the stored properties `Mirror` would have found, and an optional that is nil is absent, as
/// `Mirror` treats it: lookups fall through to the enclosing context in both cases.
enum TemplateValue {
    static func tree<Value: Encodable>(_ value: Value) -> Any {
        if let scalar = scalar(value) { return scalar }
        let encoder = TreeEncoder()
        try? value.encode(to: encoder)
        return encoder.node.resolve() ?? TemplateFields([:])
    }

    static func isTreeEncoder(_ encoder: any Encoder) -> Bool { encoder is TreeEncoder }

    /// Makes `tree` (from `tree(_:)`) what `encoder`, a tree encoder, holds; false for any other encoder.
    static func splice(_ tree: Any, into encoder: any Encoder) -> Bool {
        guard let encoder = encoder as? TreeEncoder else { return false }
        encoder.node.value = tree
        return true
    }

    /// Numbers and booleans stay as they are; text (and a `Decimal`, as its text) becomes `TemplateText`.
    static func scalar(_ value: Any) -> Any? {
        switch value {
        case let text as String: return TemplateText(text)
        case is Bool, is Int, is Double, is Int64, is UInt, is UInt64, is Int32, is Float: return value
        case let decimal as Decimal: return TemplateText("\(decimal)")
        default: return nil
        }
    }
}

/// Text in a template tree. swift-mustache renders a value it does not know through `String(describing:)`, after
/// asking whether it is a template, a custom renderable, a lambda or an optional: each a dynamic cast to a
/// protocol, at about a tenth of a microsecond each on the build machine. Text that says it is renderable is
/// rendered after two of those. It renders, escapes, opens sections and takes transforms (`lowercased(title)`)
/// exactly as a `String` does. Like a `String` it has no fields: inside `{{#text}}…{{/text}}` a name is looked for
/// further out, answered by `child(named:)` rather than by `Mirror`, which would find the stored `text`.
struct TemplateText: MustacheCustomRenderable, MustacheTransformable, MustacheParent, CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }
    func transform(_ name: String) -> Any? { text.transform(name) }
    func child(named name: String) -> Any? { nil }
}

/// A view's fields by name in a template tree: what a `[String: Any]` would answer, for lookups, sections and
/// transforms (`empty(fields)`), through a conformance that is not conditional (`Dictionary` is a `MustacheParent`
/// only where its keys are strings, which makes every lookup's cast slower).
struct TemplateFields: MustacheParent, MustacheTransformable {
    let fields: [String: Any]
    init(_ fields: [String: Any]) { self.fields = fields }
    func child(named name: String) -> Any? { fields[name] }
    func transform(_ name: String) -> Any? { fields.transform(name) }
}

/// A node of the tree while it is being encoded: nothing yet, a value, keyed children or a list.
private final class Node {
    var value: Any?
    var keyed: [String: Node]?
    var unkeyed: [Node]?

    var isEmpty: Bool { value == nil && keyed == nil && unkeyed == nil }

    func resolve() -> Any? {
        if let value { return value }
        if let keyed {
            var dictionary: [String: Any] = [:]
            dictionary.reserveCapacity(keyed.count)
            for (key, child) in keyed { if let value = child.resolve() { dictionary[key] = value } }
            return TemplateFields(dictionary)
        }
        if let unkeyed { return unkeyed.compactMap { $0.resolve() } }
        return nil
    }

    func makeKeyed() { if keyed == nil { keyed = [:] } }
    func makeUnkeyed() { if unkeyed == nil { unkeyed = [] } }
    func set(_ key: String, _ child: Node) { keyed![key] = child }
    func append(_ child: Node) { unkeyed!.append(child) }
}

private func leaf(_ value: Any) -> Node {
    let child = Node()
    child.value = value
    return child
}

private func leaf(_ text: String) -> Node { leaf(TemplateText(text)) }

/// The node for an encoded value: scalars directly, anything else through its own `encode(to:)`.
/// Types are compared before anything is cast: a failed dynamic cast per field was a large part of the cost.
private func node<T: Encodable>(for value: T) throws -> Node {
    if T.self == String.self || T.self == Bool.self || T.self == Int.self || T.self == Double.self
        || T.self == Decimal.self, let scalar = TemplateValue.scalar(value) {
        return leaf(scalar)
    }
    let child = Node()
    try value.encode(to: TreeEncoder(node: child))
    if child.isEmpty { child.makeKeyed() }
    return child
}

private struct TreeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node = Node()) { self.node = node }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeKeyed()
        return KeyedEncodingContainer(KeyedTree<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeUnkeyed()
        return UnkeyedTree(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleTree(node: node) }
}

private struct KeyedTree<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey] = []

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.set(key.stringValue, leaf(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.set(key.stringValue, leaf(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.set(key.stringValue, leaf(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { node.set(key.stringValue, leaf(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.set(key.stringValue, leaf(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { node.set(key.stringValue, leaf(Int(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { node.set(key.stringValue, leaf(Int(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.set(key.stringValue, leaf(Int(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.set(key.stringValue, leaf(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { node.set(key.stringValue, leaf(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { node.set(key.stringValue, leaf(Int(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { node.set(key.stringValue, leaf(Int(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { node.set(key.stringValue, leaf(Int(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { node.set(key.stringValue, leaf(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(key.stringValue, try BrightspotsSite.node(for: value))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.makeKeyed()
        node.set(key.stringValue, child)
        return KeyedEncodingContainer(KeyedTree<NestedKey>(node: child))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Node()
        child.makeUnkeyed()
        node.set(key.stringValue, child)
        return UnkeyedTree(node: child)
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(node: node) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = Node()
        node.set(key.stringValue, child)
        return TreeEncoder(node: child)
    }
}

private struct UnkeyedTree: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] = []
    var count: Int { node.unkeyed?.count ?? 0 }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws { node.append(leaf(value)) }
    mutating func encode(_ value: String) throws { node.append(leaf(value)) }
    mutating func encode(_ value: Double) throws { node.append(leaf(value)) }
    mutating func encode(_ value: Float) throws { node.append(leaf(value)) }
    mutating func encode(_ value: Int) throws { node.append(leaf(value)) }
    mutating func encode(_ value: Int8) throws { node.append(leaf(Int(value))) }
    mutating func encode(_ value: Int16) throws { node.append(leaf(Int(value))) }
    mutating func encode(_ value: Int32) throws { node.append(leaf(Int(value))) }
    mutating func encode(_ value: Int64) throws { node.append(leaf(value)) }
    mutating func encode(_ value: UInt) throws { node.append(leaf(value)) }
    mutating func encode(_ value: UInt8) throws { node.append(leaf(Int(value))) }
    mutating func encode(_ value: UInt16) throws { node.append(leaf(Int(value))) }
    mutating func encode(_ value: UInt32) throws { node.append(leaf(Int(value))) }
    mutating func encode(_ value: UInt64) throws { node.append(leaf(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.append(try BrightspotsSite.node(for: value)) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Node()
        child.makeKeyed()
        node.append(child)
        return KeyedEncodingContainer(KeyedTree<NestedKey>(node: child))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Node()
        child.makeUnkeyed()
        node.append(child)
        return UnkeyedTree(node: child)
    }
    mutating func superEncoder() -> any Encoder {
        let child = Node()
        node.append(child)
        return TreeEncoder(node: child)
    }
}

private struct SingleTree: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws { node.value = nil }
    mutating func encode(_ value: Bool) throws { node.value = value }
    mutating func encode(_ value: String) throws { node.value = TemplateText(value) }
    mutating func encode(_ value: Double) throws { node.value = value }
    mutating func encode(_ value: Float) throws { node.value = value }
    mutating func encode(_ value: Int) throws { node.value = value }
    mutating func encode(_ value: Int8) throws { node.value = Int(value) }
    mutating func encode(_ value: Int16) throws { node.value = Int(value) }
    mutating func encode(_ value: Int32) throws { node.value = Int(value) }
    mutating func encode(_ value: Int64) throws { node.value = value }
    mutating func encode(_ value: UInt) throws { node.value = value }
    mutating func encode(_ value: UInt8) throws { node.value = Int(value) }
    mutating func encode(_ value: UInt16) throws { node.value = Int(value) }
    mutating func encode(_ value: UInt32) throws { node.value = Int(value) }
    mutating func encode(_ value: UInt64) throws { node.value = value }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = try BrightspotsSite.node(for: value)
        node.value = child.value
        node.keyed = child.keyed
        node.unkeyed = child.unkeyed
    }
}
