/// Byte-level stand-ins for `Character` comparisons in valid UTF-8. A filter that searched a `Substring` for an
/// ASCII character matched it only as a whole grapheme cluster: `"` followed by a combining accent, or `<` after a
/// prepended mark, is another character. Deciding that from the scalars on either side is exact when one of them is
/// ASCII: every grapheme-break rule that looks further than the pair concerns scalars that are not ASCII.
enum GraphemeBytes {
    /// Whether a grapheme cluster boundary falls before byte `index`, where the byte at `index` or the one before
    /// it is ASCII (or the scalar before it is an ordinary one such as U+037E, whose breaks the pair rules decide too).
    @inline(__always)
    static func isBoundary(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index > 0, index < bytes.count else { return true }
        let before = bytes[index - 1], after = bytes[index]
        if before < 0x80, after < 0x80 { return before != 13 || after != 10 }
        return pairBreaks(bytes, at: index)
    }

    /// The rare case, left to the standard library: two scalars make two characters exactly when a boundary falls
    /// between them.
    static func pairBreaks(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).count == 2
    }

    /// Whether the ASCII bytes `start..<end` are each a whole character, as a `Character` search for them requires.
    @inline(__always)
    static func isWhole(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        isBoundary(bytes, at: start) && isBoundary(bytes, at: end)
    }

    /// Where `pattern` (ASCII, without "\r\n" inside) next occurs as whole characters at or after `from`.
    static func find(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var position = from
        while let start = ByteSearch.firstOffset(of: pattern, in: bytes, from: position) {
            if isWhole(bytes, start, start + pattern.count) { return start }
            position = start + 1
        }
        return nil
    }
}
