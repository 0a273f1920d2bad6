#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Markdown

extension StringProtocol {
    /// Whether the text holds `needle`, compared byte for byte in UTF-8: no locale, no Unicode equivalence.
    /// For markers such as "[[" or "\r\n" in hot paths, where Foundation's `contains` (a locale-aware search)
    /// cost more than the rest of the work.
    public func containsBytes(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var needle = needle
        return needle.withUTF8 { pattern in
            if let found = utf8.withContiguousStorageIfAvailable({ ByteSearch.firstOffset(of: pattern, in: $0) }) {
                return found != nil
            }
            return Array(utf8).withUnsafeBufferPointer { ByteSearch.firstOffset(of: pattern, in: $0) } != nil
        }
    }
}

extension StringProtocol {
    /// Whether the text ends with `suffix`, compared byte for byte in UTF-8 (`hasSuffix` compares characters,
    /// and a generic `elementsEqual` over the two UTF-8 views steps index by index).
    public func hasSuffixBytes(_ suffix: String) -> Bool {
        func compare(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            var suffix = suffix
            return suffix.withUTF8 { tail in
                guard text.count >= tail.count else { return false }
                return tail.isEmpty || memcmp(text.baseAddress! + (text.count - tail.count), tail.baseAddress!, tail.count) == 0
            }
        }
        if let found = utf8.withContiguousStorageIfAvailable(compare) { return found }
        return Array(utf8).withUnsafeBufferPointer(compare)
    }
}

extension StringProtocol {
    /// Where `needle` first occurs, compared byte for byte in UTF-8. The range's bounds are valid indices of the
    /// text (an ASCII needle always starts and ends on a scalar boundary); for the ASCII markers this is used
    /// for, it finds what `firstRange(of:)` finds, without breaking the text into characters. Written out: with the
    /// standard library's `utf8.firstRange(of:)` here and in `ImageFilter` instead, a 1,000-entry build took 8.3 s
    /// of CPU against 5.5 s (measured 2026-11-23, same machine, same run).
    public func byteRange(of needle: String) -> Range<Index>? {
        if needle.isEmpty { return startIndex..<startIndex }
        var needle = needle
        let view = utf8
        let found: Int?? = needle.withUTF8 { pattern in
            view.withContiguousStorageIfAvailable { ByteSearch.firstOffset(of: pattern, in: $0) }
        }
        if let found {
            guard let found else { return nil }
            let lower = view.index(view.startIndex, offsetBy: found)
            return lower..<view.index(lower, offsetBy: needle.utf8.count)
        }
        // Text not stored as contiguous UTF-8 (bridged): step through its bytes.
        let pattern = Array(needle.utf8)
        let first = pattern[0]
        var index = view.startIndex
        while let found = view[index...].firstIndex(of: first) {
            var candidate = found
            var matched = 0
            while matched < pattern.count, candidate < view.endIndex, view[candidate] == pattern[matched] {
                matched += 1
                candidate = view.index(after: candidate)
            }
            if matched == pattern.count { return found..<candidate }
            index = view.index(after: found)
        }
        return nil
    }

    /// The text's lines, exactly as `split(separator: "\n", omittingEmptySubsequences: false)` gives them, but
    /// found by bytes. A "\r\n" is one `Character`, so, as there, it does not end a line.
    public var lineSlices: [SubSequence] {
        var lines: [SubSequence] = []
        forEachLine { lines.append($0); return true }
        return lines
    }

    /// Calls `visit` with the text's lines in turn, as `lineSlices` gives them, until it returns false: for readers
    /// that need only the first few lines of a long text.
    public func forEachLine(_ visit: (SubSequence) -> Bool) {
        let view = utf8
        let done: Bool? = view.withContiguousStorageIfAvailable { bytes in
            var start = 0
            var lineStart = view.startIndex
            while let end = ByteSearch.lineEnd(in: bytes, from: start) {
                let lineEnd = view.index(lineStart, offsetBy: end - start)
                guard visit(self[lineStart..<lineEnd]) else { return true }
                start = end + 1
                lineStart = view.index(after: lineEnd)
            }
            _ = visit(self[lineStart..<view.endIndex])
            return true
        }
        if done != nil { return }
        // Text not stored as contiguous UTF-8 (bridged): step through its bytes.
        var start = view.startIndex
        var previous: UInt8 = 0
        var index = start
        while index < view.endIndex {
            let byte = view[index]
            if byte == 10, previous != 13 {
                guard visit(self[start..<index]) else { return }
                start = view.index(after: index)
            }
            previous = byte
            index = view.index(after: index)
        }
        _ = visit(self[start..<view.endIndex])
    }

    /// How many spaces (U+0020) the text starts with, as `prefix { $0 == " " }.count` counts them: a space that a
    /// combining mark follows is part of another character, so the count stops before it.
    public var leadingSpaceCount: Int {
        var count = 0
        let view = utf8
        var index = view.startIndex
        while index < view.endIndex, view[index] == 32 {
            count += 1
            index = view.index(after: index)
        }
        if count > 0, index < view.endIndex, view[index] >= 0x80 {
            return prefix { $0 == " " }.count
        }
        return count
    }
}
