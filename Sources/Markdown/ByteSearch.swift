#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte searches over contiguous UTF-8 with the C library's `memchr` (vectorised): for the filters of discount's
/// output here and for BrightspotsCore's byte helpers (`containsBytes`, `byteRange`, `lineSlices`), which sit above
/// this module in the chain.
public enum ByteSearch {
    /// Where `pattern` first occurs in `haystack` at or after `start`, as a byte offset: its first byte found by
    /// `memchr`, the rest compared by `memcmp`.
    public static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                                   from start: Int = 0) -> Int? {
        guard !pattern.isEmpty else { return start }
        guard let base = haystack.baseAddress, let needle = pattern.baseAddress else { return nil }
        let last = haystack.count - pattern.count
        var from = start
        while from <= last, let found = memchr(base + from, Int32(needle[0]), last - from + 1) {
            let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if pattern.count == 1 || memcmp(base + offset + 1, needle + 1, pattern.count - 1) == 0 { return offset }
            from = offset + 1
        }
        return nil
    }

    /// Calls `body` with the offset of each `byte` in `haystack`, in order.
    public static func forEachOffset(of byte: UInt8, in haystack: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let base = haystack.baseAddress else { return }
        var from = 0
        while from < haystack.count, let found = memchr(base + from, Int32(byte), haystack.count - from) {
            let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            body(offset)
            from = offset + 1
        }
    }

    /// Where the next line ends at or after `start` (the offset of a "\n" not preceded by "\r"), or nil.
    public static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var from = start
        while from < bytes.count, let found = memchr(base + from, 10, bytes.count - from) {
            let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if offset == 0 || bytes[offset - 1] != 13 { return offset }
            from = offset + 1
        }
        return nil
    }

    /// `firstOffset` for a pattern held in an array.
    public static func firstOffset(of pattern: [UInt8], in haystack: UnsafeBufferPointer<UInt8>,
                                   from start: Int = 0) -> Int? {
        pattern.withUnsafeBufferPointer { firstOffset(of: $0, in: haystack, from: start) }
    }
}
