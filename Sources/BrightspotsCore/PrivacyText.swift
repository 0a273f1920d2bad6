import Markdown

/// The text a privacy detector reads: Unicode scalars addressed by position, each classified once, with the
/// questions every detector asks (is this a digit, does a word start here, which line is this).
///
/// Every entry is scanned on every build, so the text is read in one pass into one array, and the detectors go
/// straight to the few places an identifier could start (`digitRunStarts`, bytes found by `positions(of:)`)
/// rather than asking at every position.
struct PrivacyText {
    /// One scalar with its answers, side by side so one array (one allocation, one bounds check) holds all.
    private struct Cell {
        var scalar: Unicode.Scalar
        /// The scalar as a lower-case ASCII byte (0 when it is not ASCII), for fast case-insensitive matching.
        var lower: UInt8
        var kind: Class
    }

    private struct Class: OptionSet {
        let rawValue: UInt8
        static let digit = Class(rawValue: 1)
        static let letter = Class(rawValue: 2)
        static let word = Class(rawValue: 4)
        static let space = Class(rawValue: 8)
    }

    private let cells: [Cell]
    /// Each cell's `lower` byte on its own, for the C library's byte search (`positions(ofLower:)`).
    private let lowered: [UInt8]
    /// The position each line starts at; line 1 starts at 0.
    private let lineStarts: [Int]
    /// Where each run of ASCII digits starts, in order. Most identifiers hold digits, so detectors start from these.
    let digitRunStarts: [Int]

    init(_ text: String) {
        var lineStarts = [0]
        var digitRunStarts: [Int] = []
        let asciiClasses = Self.asciiClasses
        // Decoded from the UTF-8 by hand: most of it is ASCII, a byte to a cell, and the scalar view is slower.
        var lowered: [UInt8] = []
        func build(_ bytes: UnsafeBufferPointer<UInt8>) -> [Cell] {
            // A scalar takes at least one byte, so this many cells is always enough.
            let lower = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
            defer { lower.deallocate() }
            let cells = [Cell](unsafeUninitializedCapacity: bytes.count) { cells, count in
                var previousIsDigit = false
                var offset = 0
                while offset < bytes.count {
                    let byte = bytes[offset]
                    let cell: Cell
                    if byte < 0x80 {
                        cell = Cell(scalar: Unicode.Scalar(byte), lower: byte &- 65 < 26 ? byte + 32 : byte,
                                    kind: asciiClasses[Int(byte)])
                        if byte == 10 { lineStarts.append(count + 1) }
                        offset += 1
                    } else {
                        // A String's UTF-8 is always valid, so the lead byte says how many bytes follow.
                        let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                        var value = UInt32(byte) & (0x7F >> UInt32(length))
                        for next in offset + 1..<offset + length { value = value << 6 | UInt32(bytes[next] & 0x3F) }
                        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                        cell = Cell(scalar: scalar, lower: 0, kind: Self.classify(scalar))
                        offset += length
                    }
                    let isDigit = cell.kind.contains(.digit)
                    if isDigit, !previousIsDigit { digitRunStarts.append(count) }
                    previousIsDigit = isDigit
                    (cells.baseAddress! + count).initialize(to: cell)
                    lower[count] = cell.lower
                    count += 1
                }
            }
            lowered = Array(UnsafeBufferPointer(start: lower, count: cells.count))
            return cells
        }
        cells = text.utf8.withContiguousStorageIfAvailable(build) ?? Array(text.utf8).withUnsafeBufferPointer(build)
        self.lowered = lowered
        self.lineStarts = lineStarts
        self.digitRunStarts = digitRunStarts
    }

    /// The class of each ASCII byte, looked up rather than worked out, as most of the text is ASCII.
    private static let asciiClasses: [Class] = (0..<128).map { value in
        switch value {
        case 48...57: return [.digit, .word]
        case 65...90, 97...122: return [.letter, .word]
        case 95: return .word
        case 32, 9: return .space
        default: return []
        }
    }

    /// Reading a scalar's Unicode properties is slow, so the punctuation and Latin-1 letters common in English
    /// prose are answered directly; `classifyByProperties` gives the same answer for each (a test checks).
    private static func classify(_ scalar: Unicode.Scalar) -> Class {
        switch scalar.value {
        case 0xA0, 0x202F: return .space
        case 0xA3, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC: return []
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0xFF: return .word
        default: return classifyByProperties(scalar)
        }
    }

    private static func classifyByProperties(_ scalar: Unicode.Scalar) -> Class {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        if properties.isWhitespace, !["\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) { return .space }
        return []
    }

    /// Whether the quick classification agrees with the Unicode properties for `scalar` (for tests).
    static func classifiesAsProperties(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII || classify(scalar) == classifyByProperties(scalar)
    }

    var count: Int { cells.count }

    /// The scalar at `index`, or nil outside the text, so detectors can look either side without bounds checks.
    subscript(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < cells.count ? cells[index].scalar : nil
    }

    func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        for index in range { view.append(cells[index].scalar) }
        return String(view)
    }

    private func has(_ index: Int, _ kind: Class) -> Bool {
        index >= 0 && index < cells.count && cells[index].kind.contains(kind)
    }

    /// ASCII digits only: identifiers are written in them, and other scripts' digits are not.
    func isDigit(_ index: Int) -> Bool { has(index, .digit) }

    /// ASCII letters only.
    func isLetter(_ index: Int) -> Bool { has(index, .letter) }

    /// Part of a word in any script: a detector's match must not start or end inside one.
    func isWord(_ index: Int) -> Bool { has(index, .word) }

    /// Whitespace within a line: identifiers never run across a line break.
    func isSpace(_ index: Int) -> Bool { has(index, .space) }

    /// The lower-case ASCII byte at `index`; 0 when it is not ASCII or outside the text.
    func lower(_ index: Int) -> UInt8 {
        index >= 0 && index < cells.count ? cells[index].lower : 0
    }

    /// Whether the character at `index` is one of `characters` (lower-case ASCII), in any case.
    func lower(_ index: Int, isOneOf characters: StaticString) -> Bool {
        let byte = lower(index)
        guard byte != 0 else { return false }
        return UnsafeBufferPointer(start: characters.utf8Start, count: characters.utf8CodeUnitCount).contains(byte)
    }

    /// Every position in `range` whose lower-case ASCII byte is one of `bytes`, in order: a quick way to the few
    /// places a detector needs to look.
    func positions(of bytes: StaticString, in range: Range<Int>? = nil) -> [Int] {
        let wanted = ByteSet(bytes)
        var found: [Int] = []
        cells.withUnsafeBufferPointer { cells in
            for index in range ?? 0..<cells.count where wanted.contains(cells[index].lower) { found.append(index) }
        }
        return found
    }

    /// Every position whose lower-case ASCII byte is one of `bytes`, or where `word` (lower-case ASCII, in any case)
    /// starts, in order. For a word whose first letter is common ("dot"), this leaves out the many positions of
    /// that letter alone, which `positions(of:)` would list for the caller to throw away.
    func positions(of bytes: StaticString, orWord word: StaticString) -> [Int] {
        var found: [Int] = []
        for byte in UnsafeBufferPointer(start: bytes.utf8Start, count: bytes.utf8CodeUnitCount) {
            found += positions(ofLower: byte)
        }
        for start in positions(ofLower: word.utf8Start.pointee) where matches(word, at: start) { found.append(start) }
        return Array(Set(found)).sorted()
    }

    /// The upper-case form of the ASCII letter at `index`.
    func upperLetter(_ index: Int) -> Unicode.Scalar? {
        isLetter(index) ? Unicode.Scalar(cells[index].lower - 32) : nil
    }

    func isUppercaseLetter(_ index: Int) -> Bool {
        isLetter(index) && cells[index].scalar.value <= 90
    }

    func digitValue(_ index: Int) -> Int? {
        isDigit(index) ? Int(cells[index].scalar.value - 48) : nil
    }

    /// The end of the run of ASCII digits starting at `index` (`index` itself when there is none).
    func digitsEnd(from index: Int) -> Int {
        var end = index
        while isDigit(end) { end += 1 }
        return end
    }

    /// The end of the run of ASCII letters starting at `index`.
    func lettersEnd(from index: Int) -> Int {
        var end = index
        while isLetter(end) { end += 1 }
        return end
    }

    func skippingSpaces(from index: Int, limit: Int = .max) -> Int {
        var end = index
        while end - index < limit, isSpace(end) { end += 1 }
        return end
    }

    /// Numbers separated by these are parts of one number (a decimal, an amount, a time, a date): not whole runs.
    static func isNumberJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "," || scalar == ":" || scalar == "/"
    }

    static func isCurrencySign(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "£" || scalar == "$" || scalar == "€"
    }

    /// A number starting at `index` is whole when nothing before it continues it: no letter or digit, no currency
    /// sign, and no decimal point, comma, colon or slash after a digit.
    func startsWholeNumber(_ index: Int) -> Bool {
        guard let before = self[index - 1] else { return true }
        if isWord(index - 1) || Self.isCurrencySign(before) { return false }
        return !(Self.isNumberJoiner(before) && isDigit(index - 2))
    }

    /// A number ending before `end` is whole when nothing after it continues it.
    func endsWholeNumber(_ end: Int) -> Bool {
        guard let after = self[end] else { return true }
        if isWord(end) { return false }
        return !(Self.isNumberJoiner(after) && isDigit(end + 1))
    }

    /// The 1-based line `index` is on.
    func line(of index: Int) -> Int {
        var low = 0, high = lineStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle }
        }
        return low + 1
    }

    var lineCount: Int { lineStarts.count }

    /// The positions of 1-based line `line`, without its line break.
    func lineRange(_ line: Int) -> Range<Int> {
        lineStarts[line - 1]..<(line < lineStarts.count ? lineStarts[line] - 1 : count)
    }

    /// Every position of `byte` (a lower-case ASCII byte) in any case, in order: found by `memchr`, for the
    /// letters an identifier must hold that most words do not.
    func positions(ofLower byte: UInt8) -> [Int] {
        var found: [Int] = []
        lowered.withUnsafeBufferPointer { ByteSearch.forEachOffset(of: byte, in: $0) { found.append($0) } }
        return found
    }

    /// Whether `word` (lower-case ASCII) is written at `index`, in any case.
    func matches(_ word: StaticString, at index: Int) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index >= 0, index + length <= count else { return false }
        var pointer = word.utf8Start
        for position in index..<index + length {
            guard cells[position].lower == pointer.pointee else { return false }
            pointer += 1
        }
        return true
    }

    /// Where `phrase` (lower-case ASCII) ends when it is written at `index` as whole words, in any case, its
    /// spaces standing for one or more spaces or tabs.
    func phraseEnd(_ phrase: StaticString, at index: Int) -> Int? {
        guard index >= 0, !isWord(index - 1) else { return nil }
        var position = index
        for byte in UnsafeBufferPointer(start: phrase.utf8Start, count: phrase.utf8CodeUnitCount) {
            if byte == 32 {
                let end = skippingSpaces(from: position)
                guard end > position else { return nil }
                position = end
                continue
            }
            guard position < count, cells[position].lower == byte else { return nil }
            position += 1
        }
        return isWord(position) && isWord(position - 1) ? nil : position
    }

    /// Calls `read` at each position, in order, where a word starts (nothing word-like just before it) with one of
    /// `firstBytes` (lower-case ASCII letters or digits); `read` returns where to carry on (past its match), or nil
    /// to carry on at the next word. The rest of each word is stepped over, not asked about.
    ///
    /// With `anchors` (positions in order), only the word starts at most `reach` positions before an anchor are
    /// read: the text between is stepped over.
    func forEachWordStart(with firstBytes: StaticString, near anchors: [Int]? = nil, reach: Int = 0,
                          _ read: (Int) -> Int?) {
        let wanted = ByteSet(firstBytes)
        var index = 0
        var next = 0
        while index < cells.count {
            if let anchors {
                while next < anchors.count, anchors[next] < index { next += 1 }
                guard next < anchors.count else { return }
                index = max(index, anchors[next] - reach)
            }
            let cell = cells[index]
            guard cell.kind.contains(.word) else { index += 1; continue }
            if index == 0 || !cells[index - 1].kind.contains(.word), wanted.contains(cell.lower),
               let end = read(index) {
                index = end
                continue
            }
            repeat { index += 1 } while index < cells.count && cells[index].kind.contains(.word)
        }
    }

    /// The lower-case ASCII letters at `range` (nine at most) as one number, to look a word up without making a
    /// string of it.
    func letterKey(_ range: Range<Int>) -> UInt64 {
        range.reduce(0) { $0 << 7 | UInt64(cells[$1].lower) }
    }

    /// `word` (lower-case ASCII, nine letters at most) as `letterKey` gives it.
    static func letterKey(_ word: String) -> UInt64 {
        word.utf8.reduce(0) { $0 << 7 | UInt64($1) }
    }

    /// Calls `read` at each position from `offsets.upperBound` to `offsets.lowerBound` before every run of digits,
    /// in order, and past the end of each match it returns: the same as calling it at every position in the text,
    /// for a detector whose identifiers have a run of digits starting at one of those offsets.
    func matchesBeforeDigitRuns(offsets: ClosedRange<Int>, _ read: (Int) -> PrivacyMatch?) -> [PrivacyMatch] {
        var matches: [PrivacyMatch] = []
        var next = 0  // the first position not yet read or inside a match
        for digits in digitRunStarts {
            var start = max(next, digits - offsets.upperBound)
            while start <= digits - offsets.lowerBound {
                if let match = read(start) {
                    matches.append(match)
                    start = match.range.upperBound
                } else {
                    start += 1
                }
                next = start
            }
        }
        return matches
    }
}

/// A set of lower-case ASCII bytes, asked about with a shift rather than a search.
private struct ByteSet {
    private var low: UInt64 = 0, high: UInt64 = 0

    init(_ bytes: StaticString) {
        for byte in UnsafeBufferPointer(start: bytes.utf8Start, count: bytes.utf8CodeUnitCount) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte & 63) }
        }
    }

    /// Never true for 0, the byte of a scalar that is not ASCII, as no set is made with it.
    func contains(_ byte: UInt8) -> Bool {
        (byte < 64 ? low >> UInt64(byte) : high >> UInt64(byte & 63)) & 1 != 0
    }
}

/// One detector's match, before its line is known.
struct PrivacyMatch: Hashable {
    var kind: PrivacyFinding.Kind
    var certainty: PrivacyFinding.Certainty
    var range: Range<Int>
}
