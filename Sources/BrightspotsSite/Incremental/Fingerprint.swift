import Crypto
import Foundation

/// A stable digest of bytes or of an `Encodable` value: the same input gives the same digest in every process,
/// so digests can be kept in the build cache. SHA-256, truncated to 128 bits.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static func of<Bytes: DataProtocol>(bytes: Bytes) -> Fingerprint {
        Fingerprint(SHA256.hash(data: bytes))
    }

    public static func of(_ text: String) -> Fingerprint {
        var text = text
        return text.withUTF8 { Fingerprint.of(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The digest of a value's encoded fields. Field names, types and order all count, so two values digest alike
    /// only when they encode alike.
    public static func of<Value: Encodable>(value: Value) -> Fingerprint {
        let encoder = DigestEncoder()
        try? value.encode(to: encoder)
        return encoder.sink.buffer.withUnsafeBytes { Fingerprint.of(bytes: $0) }
    }

    /// Several digests combined, in order.
    public static func combining(_ parts: [Fingerprint]) -> Fingerprint {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.count * 16)
        for part in parts { part.append(to: &bytes) }
        return Fingerprint.of(bytes: bytes)
    }

    init(_ digest: SHA256.Digest) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in digest.prefix(16).enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }

    func append(to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
    }

    /// 32 hex digits.
    public var description: String {
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(high) + hex(low)
    }

    /// The digest as a blob for the cache, and back.
    public var data: Data {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return Data(bytes)
    }

    public init?(data: Data) {
        guard data.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in data.enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }
}

/// Writes what a value encodes as tagged, length-prefixed bytes, so different structures never produce the same
/// bytes. Only hashing reads them.
final class DigestSink {
    var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(4096) }

    func tag(_ byte: UInt8) { buffer.append(byte) }

    func integer(_ value: UInt64) {
        var value = value
        for _ in 0..<8 {
            buffer.append(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }

    func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            integer(UInt64(utf8.count))
            buffer.append(contentsOf: utf8)
        }
    }

    // The format, written by `DigestEncoder` and by the template tree's encoder when it digests too
    // (`TemplateValue.treeAndDigest`): scalars tagged by type, keys and text length-prefixed.
    func writeNil() { tag(0) }
    func write(_ value: Bool) { tag(value ? 1 : 2) }
    func write(_ value: String) { tag(3); string(value) }
    func write(signed value: Int64) { tag(4); integer(UInt64(bitPattern: value)) }
    func write(unsigned value: UInt64) { tag(5); integer(value) }
    func write(double value: Double) { tag(6); integer(value.bitPattern) }
    func key(_ name: String) { string(name) }
    func openKeyed() { tag(0x7B) }  // {
    func openUnkeyed() { tag(0x5B) }  // [
    func nextElement() { tag(0x2C) }  // ,
}

struct DigestEncoder: Encoder {
    let sink: DigestSink
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(sink: DigestSink = DigestSink(), codingPath: [any CodingKey] = []) {
        self.sink = sink
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        sink.openKeyed()
        return KeyedEncodingContainer(KeyedDigestContainer<Key>(sink: sink))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.openUnkeyed()
        return UnkeyedDigestContainer(sink: sink)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleDigestContainer(sink: sink) }

    /// Where `encoder` writes, when it is a digest encoder.
    static func sink(of encoder: any Encoder) -> DigestSink? { (encoder as? DigestEncoder)?.sink }
}

/// Scalars, tagged by type.
private protocol DigestScalarWriter {
    var sink: DigestSink { get }
}

extension DigestScalarWriter {
    func writeNil() { sink.writeNil() }
    func write(_ value: Bool) { sink.write(value) }
    func write(_ value: String) { sink.write(value) }
    func write(signed value: Int64) { sink.write(signed: value) }
    func write(unsigned value: UInt64) { sink.write(unsigned: value) }
    func write(double value: Double) { sink.write(double: value) }
    func write<T: Encodable>(value: T, path: [any CodingKey]) throws {
        if let text = value as? String { write(text); return }
        if let decimal = value as? Decimal { write("\(decimal)"); return }
        try value.encode(to: DigestEncoder(sink: sink, codingPath: path))
    }
}

private struct KeyedDigestContainer<Key: CodingKey>: KeyedEncodingContainerProtocol, DigestScalarWriter {
    let sink: DigestSink
    var codingPath: [any CodingKey] = []

    func key(_ key: Key) { sink.key(key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { self.key(key); writeNil() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { self.key(key); write(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { self.key(key); write(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { self.key(key); write(double: value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { self.key(key); write(double: Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); write(signed: Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { self.key(key); write(signed: Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { self.key(key); write(signed: Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { self.key(key); write(signed: Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key); write(signed: value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { self.key(key); write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { self.key(key); write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { self.key(key); write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { self.key(key); write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { self.key(key); write(unsigned: value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try write(value: value, path: codingPath + [key])
    }
    // Synthesized conformances skip nil optionals; every key is written before its value, so which fields are
    // present still counts.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        self.key(key)
        sink.openKeyed()
        return KeyedEncodingContainer(KeyedDigestContainer<NestedKey>(sink: sink, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        sink.openUnkeyed()
        return UnkeyedDigestContainer(sink: sink, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder { DigestEncoder(sink: sink, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.key(key)
        return DigestEncoder(sink: sink, codingPath: codingPath + [key])
    }
}

private struct UnkeyedDigestContainer: UnkeyedEncodingContainer, DigestScalarWriter {
    let sink: DigestSink
    var codingPath: [any CodingKey] = []
    var count = 0

    mutating func next() { count += 1; sink.nextElement() }

    mutating func encodeNil() throws { next(); writeNil() }
    mutating func encode(_ value: Bool) throws { next(); write(value) }
    mutating func encode(_ value: String) throws { next(); write(value) }
    mutating func encode(_ value: Double) throws { next(); write(double: value) }
    mutating func encode(_ value: Float) throws { next(); write(double: Double(value)) }
    mutating func encode(_ value: Int) throws { next(); write(signed: Int64(value)) }
    mutating func encode(_ value: Int8) throws { next(); write(signed: Int64(value)) }
    mutating func encode(_ value: Int16) throws { next(); write(signed: Int64(value)) }
    mutating func encode(_ value: Int32) throws { next(); write(signed: Int64(value)) }
    mutating func encode(_ value: Int64) throws { next(); write(signed: value) }
    mutating func encode(_ value: UInt) throws { next(); write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { next(); write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { next(); write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { next(); write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { next(); write(unsigned: value) }
    mutating func encode<T: Encodable>(_ value: T) throws { next(); try write(value: value, path: codingPath) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        next()
        sink.openKeyed()
        return KeyedEncodingContainer(KeyedDigestContainer<NestedKey>(sink: sink, codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        next()
        sink.openUnkeyed()
        return UnkeyedDigestContainer(sink: sink, codingPath: codingPath)
    }
    mutating func superEncoder() -> any Encoder { next(); return DigestEncoder(sink: sink, codingPath: codingPath) }
}

private struct SingleDigestContainer: SingleValueEncodingContainer, DigestScalarWriter {
    let sink: DigestSink
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws { writeNil() }
    mutating func encode(_ value: Bool) throws { write(value) }
    mutating func encode(_ value: String) throws { write(value) }
    mutating func encode(_ value: Double) throws { write(double: value) }
    mutating func encode(_ value: Float) throws { write(double: Double(value)) }
    mutating func encode(_ value: Int) throws { write(signed: Int64(value)) }
    mutating func encode(_ value: Int8) throws { write(signed: Int64(value)) }
    mutating func encode(_ value: Int16) throws { write(signed: Int64(value)) }
    mutating func encode(_ value: Int32) throws { write(signed: Int64(value)) }
    mutating func encode(_ value: Int64) throws { write(signed: value) }
    mutating func encode(_ value: UInt) throws { write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { write(unsigned: UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { write(unsigned: value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try write(value: value, path: codingPath) }
}
