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

    /// The tree and the value's digest (`Fingerprint.of(value:)`, the same bytes) from one pass over its fields:
    /// for a page rendered with nothing to compare its digest against, which would otherwise encode its view twice.
    static func treeAndDigest<Value: Encodable>(_ value: Value) -> (tree: Any, digest: Fingerprint) {
        if let scalar = scalar(value) { return (scalar, Fingerprint.of(value: value)) }
        let sink = DigestSink()
        let encoder = TreeEncoder(node: Node(), sink: sink)
        try? value.encode(to: encoder)
        let tree = encoder.node.resolve() ?? TemplateFields([:])
        return (tree, sink.buffer.withUnsafeBytes { Fingerprint.of(bytes: $0) })
    }

    static func isTreeEncoder(_ encoder: any Encoder) -> Bool { encoder is TreeEncoder }

    /// Where a tree encoder that digests too writes the digest's bytes; nil for any other encoder.
    static func digestSink(of encoder: any Encoder) -> DigestSink? { (encoder as? TreeEncoder)?.sink }

    /// For a value that templates and digests see differently (a body's HTML and its key, a cached part and
    /// nothing): `tree` to a tree encoder and `digest` to the digest it writes alongside, if it does, as a text
    /// value each. False for any other encoder.
    static func encode(tree: String, digest: String, to encoder: any Encoder) -> Bool {
        guard let encoder = encoder as? TreeEncoder else { return false }
        encoder.node.value = TemplateText(tree)
        encoder.sink?.write(digest)
        return true
    }

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

/// A node of the tree while it is being encoded: nothing yet, a value, keyed children or a list. A child that is a
/// value when it is set (text, a number, a shared part's tree) is held as it is, in the fields the node resolves
/// to; only a child with containers of its own is a node of its own, resolved at the end. A node per field, and
/// a second dictionary made from the first, were half of what making a page's tree cost.
private final class Node {
    var value: Any?
    /// The fields that are values already, and the nodes of those that are not (each key in one or the other).
    var keyed: [String: Any]?
    var keyedNodes: [(key: String, node: Node)] = []
    var unkeyed: [Child]?

    enum Child {
        case value(Any)
        case node(Node)

        func resolve() -> Any? {
            switch self {
            case .value(let value): return value
            case .node(let node): return node.resolve()
            }
        }
    }

    var isEmpty: Bool { value == nil && keyed == nil && unkeyed == nil }

    func resolve() -> Any? {
        if let value { return value }
        if var fields = keyed {
            keyed = nil
            for (key, node) in keyedNodes { fields[key] = node.resolve() }
            return TemplateFields(fields)
        }
        if let unkeyed { return unkeyed.compactMap { $0.resolve() } }
        return nil
    }

    /// Room for a view's usual fields from the start: growing a dictionary field by field rehashes it each time.
    func makeKeyed() { if keyed == nil { keyed = Dictionary(minimumCapacity: 12) } }
    func makeUnkeyed() { if unkeyed == nil { unkeyed = [] } }

    func set(_ key: String, _ child: Child) {
        if !keyedNodes.isEmpty { keyedNodes.removeAll { $0.key == key } }
        switch child {
        case .value(let value): keyed![key] = value
        case .node(let node):
            keyed!.removeValue(forKey: key)
            keyedNodes.append((key, node))
        }
    }

    func append(_ child: Child) { unkeyed!.append(child) }
}

private func leaf(_ value: Any) -> Node.Child { .value(value) }

/// The child for an encoded value: scalars directly, anything else through its own `encode(to:)`; the digest's
/// bytes for it into `sink`, as `DigestEncoder` writes them. Types are compared before anything is cast: a failed
/// dynamic cast per field was a large part of the cost.
private func node<T: Encodable>(for value: T, sink: DigestSink?) throws -> Node.Child {
    if T.self == String.self || T.self == Bool.self || T.self == Int.self || T.self == Double.self
        || T.self == Decimal.self, let scalar = TemplateValue.scalar(value) {
        if let sink {
            switch scalar {
            case let text as TemplateText: sink.write(text.text)
            case let flag as Bool: sink.write(flag)
            case let number as Int: sink.write(signed: Int64(number))
            case let number as Double: sink.write(double: number)
            default: try value.encode(to: DigestEncoder(sink: sink))
            }
        }
        return .value(scalar)
    }
    let child = Node()
    try value.encode(to: TreeEncoder(node: child, sink: sink))
    if child.isEmpty { child.makeKeyed() }
    // A value set whole (a shared part's tree, a single value) needs no resolving.
    if let value = child.value, child.keyed == nil, child.unkeyed == nil { return .value(value) }
    return .node(child)
}

/// Makes the tree; with a `sink`, writes the digest's bytes too, exactly as `DigestEncoder` would.
private struct TreeEncoder: Encoder {
    let node: Node
    let sink: DigestSink?
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node = Node(), sink: DigestSink? = nil) {
        self.node = node
        self.sink = sink
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeKeyed()
        sink?.openKeyed()
        return KeyedEncodingContainer(KeyedTree<Key>(node: node, sink: sink))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeUnkeyed()
        sink?.openUnkeyed()
        return UnkeyedTree(node: node, sink: sink)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleTree(node: node, sink: sink) }
}

private struct KeyedTree<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let sink: DigestSink?
    var codingPath: [any CodingKey] = []

    private func set(_ key: Key, _ child: Node.Child) { node.set(key.stringValue, child) }
    private func key(_ key: Key) { sink?.key(key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { self.key(key); sink?.writeNil() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { self.key(key); sink?.write(value); set(key, leaf(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { self.key(key); sink?.write(value); set(key, leaf(TemplateText(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { self.key(key); sink?.write(double: value); set(key, leaf(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { self.key(key); sink?.write(double: Double(value)); set(key, leaf(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); sink?.write(signed: Int64(value)); set(key, leaf(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { self.key(key); sink?.write(signed: Int64(value)); set(key, leaf(Int(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { self.key(key); sink?.write(signed: Int64(value)); set(key, leaf(Int(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { self.key(key); sink?.write(signed: Int64(value)); set(key, leaf(Int(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key); sink?.write(signed: value); set(key, leaf(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { self.key(key); sink?.write(unsigned: UInt64(value)); set(key, leaf(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { self.key(key); sink?.write(unsigned: UInt64(value)); set(key, leaf(Int(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { self.key(key); sink?.write(unsigned: UInt64(value)); set(key, leaf(Int(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { self.key(key); sink?.write(unsigned: UInt64(value)); set(key, leaf(Int(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { self.key(key); sink?.write(unsigned: value); set(key, leaf(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        set(key, try BrightspotsSite.node(for: value, sink: sink))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        self.key(key)
        sink?.openKeyed()
        let child = Node()
        child.makeKeyed()
        set(key, .node(child))
        return KeyedEncodingContainer(KeyedTree<NestedKey>(node: child, sink: sink))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        sink?.openUnkeyed()
        let child = Node()
        child.makeUnkeyed()
        set(key, .node(child))
        return UnkeyedTree(node: child, sink: sink)
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(node: node, sink: sink) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.key(key)
        let child = Node()
        set(key, .node(child))
        return TreeEncoder(node: child, sink: sink)
    }
}

private struct UnkeyedTree: UnkeyedEncodingContainer {
    let node: Node
    let sink: DigestSink?
    var codingPath: [any CodingKey] = []
    var count: Int { node.unkeyed?.count ?? 0 }

    /// Digests count every element, nil ones too; the tree leaves nil out.
    mutating func encodeNil() throws { sink?.nextElement(); sink?.writeNil() }
    mutating func encode(_ value: Bool) throws { sink?.nextElement(); sink?.write(value); node.append(leaf(value)) }
    mutating func encode(_ value: String) throws { sink?.nextElement(); sink?.write(value); node.append(leaf(TemplateText(value))) }
    mutating func encode(_ value: Double) throws { sink?.nextElement(); sink?.write(double: value); node.append(leaf(value)) }
    mutating func encode(_ value: Float) throws { sink?.nextElement(); sink?.write(double: Double(value)); node.append(leaf(value)) }
    mutating func encode(_ value: Int) throws { sink?.nextElement(); sink?.write(signed: Int64(value)); node.append(leaf(value)) }
    mutating func encode(_ value: Int8) throws { sink?.nextElement(); sink?.write(signed: Int64(value)); node.append(leaf(Int(value))) }
    mutating func encode(_ value: Int16) throws { sink?.nextElement(); sink?.write(signed: Int64(value)); node.append(leaf(Int(value))) }
    mutating func encode(_ value: Int32) throws { sink?.nextElement(); sink?.write(signed: Int64(value)); node.append(leaf(Int(value))) }
    mutating func encode(_ value: Int64) throws { sink?.nextElement(); sink?.write(signed: value); node.append(leaf(value)) }
    mutating func encode(_ value: UInt) throws { sink?.nextElement(); sink?.write(unsigned: UInt64(value)); node.append(leaf(value)) }
    mutating func encode(_ value: UInt8) throws { sink?.nextElement(); sink?.write(unsigned: UInt64(value)); node.append(leaf(Int(value))) }
    mutating func encode(_ value: UInt16) throws { sink?.nextElement(); sink?.write(unsigned: UInt64(value)); node.append(leaf(Int(value))) }
    mutating func encode(_ value: UInt32) throws { sink?.nextElement(); sink?.write(unsigned: UInt64(value)); node.append(leaf(Int(value))) }
    mutating func encode(_ value: UInt64) throws { sink?.nextElement(); sink?.write(unsigned: value); node.append(leaf(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        sink?.nextElement()
        node.append(try BrightspotsSite.node(for: value, sink: sink))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        sink?.nextElement()
        sink?.openKeyed()
        let child = Node()
        child.makeKeyed()
        node.append(.node(child))
        return KeyedEncodingContainer(KeyedTree<NestedKey>(node: child, sink: sink))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        sink?.nextElement()
        sink?.openUnkeyed()
        let child = Node()
        child.makeUnkeyed()
        node.append(.node(child))
        return UnkeyedTree(node: child, sink: sink)
    }
    mutating func superEncoder() -> any Encoder {
        sink?.nextElement()
        let child = Node()
        node.append(.node(child))
        return TreeEncoder(node: child, sink: sink)
    }
}

private struct SingleTree: SingleValueEncodingContainer {
    let node: Node
    let sink: DigestSink?
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws { sink?.writeNil(); node.value = nil }
    mutating func encode(_ value: Bool) throws { sink?.write(value); node.value = value }
    mutating func encode(_ value: String) throws { sink?.write(value); node.value = TemplateText(value) }
    mutating func encode(_ value: Double) throws { sink?.write(double: value); node.value = value }
    mutating func encode(_ value: Float) throws { sink?.write(double: Double(value)); node.value = value }
    mutating func encode(_ value: Int) throws { sink?.write(signed: Int64(value)); node.value = value }
    mutating func encode(_ value: Int8) throws { sink?.write(signed: Int64(value)); node.value = Int(value) }
    mutating func encode(_ value: Int16) throws { sink?.write(signed: Int64(value)); node.value = Int(value) }
    mutating func encode(_ value: Int32) throws { sink?.write(signed: Int64(value)); node.value = Int(value) }
    mutating func encode(_ value: Int64) throws { sink?.write(signed: value); node.value = value }
    mutating func encode(_ value: UInt) throws { sink?.write(unsigned: UInt64(value)); node.value = value }
    mutating func encode(_ value: UInt8) throws { sink?.write(unsigned: UInt64(value)); node.value = Int(value) }
    mutating func encode(_ value: UInt16) throws { sink?.write(unsigned: UInt64(value)); node.value = Int(value) }
    mutating func encode(_ value: UInt32) throws { sink?.write(unsigned: UInt64(value)); node.value = Int(value) }
    mutating func encode(_ value: UInt64) throws { sink?.write(unsigned: value); node.value = value }
    mutating func encode<T: Encodable>(_ value: T) throws {
        switch try BrightspotsSite.node(for: value, sink: sink) {
        case .value(let value): node.value = value
        case .node(let child):
            node.value = child.value
            node.keyed = child.keyed
            node.keyedNodes = child.keyedNodes
            node.unkeyed = child.unkeyed
        }
    }
}

/// A cached part shows as its text wherever a template meets it as a value rather than as a tree's text: through
/// `Mirror` (a view struct rendered as it is), or a part held in a dictionary.
extension RenderedPart: MustacheCustomRenderable {
    public var renderText: String { render() }
    public var isNull: Bool { false }
}
