/// The text a privacy detector reads: Unicode scalars addressed by position, each classified once, with the
/// questions every detector asks (is this a digit, does a word start here, which line is this).
struct PrivacyText {
    let scalars: [Unicode.Scalar]
    /// Each scalar as a lower-case ASCII byte (0 when it is not ASCII), for fast case-insensitive matching.
    private let lowerBytes: [UInt8]
    private let classes: [Class]
    /// The position each line starts at; line 1 starts at 0.
    private let lineStarts: [Int]

    private struct Class: OptionSet {
        let rawValue: UInt8
        static let digit = Class(rawValue: 1)
        static let letter = Class(rawValue: 2)
        static let word = Class(rawValue: 4)
        static let space = Class(rawValue: 8)
    }

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        lowerBytes = scalars.map { scalar in
            guard scalar.isASCII else { return 0 }
            let value = UInt8(scalar.value)
            return value >= 65 && value <= 90 ? value + 32 : value
        }
        classes = scalars.map(Self.classify)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    private static func classify(_ scalar: Unicode.Scalar) -> Class {
        if scalar.isASCII {
            switch scalar.value {
            case 48...57: return [.digit, .word]
            case 65...90, 97...122: return [.letter, .word]
            case 95: return .word
            case 32, 9: return .space
            default: return []
            }
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        if properties.isWhitespace, !["\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) { return .space }
        return []
    }

    var count: Int { scalars.count }

    /// The scalar at `index`, or nil outside the text, so detectors can look either side without bounds checks.
    subscript(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    private func has(_ index: Int, _ kind: Class) -> Bool {
        index >= 0 && index < classes.count && classes[index].contains(kind)
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
        index >= 0 && index < lowerBytes.count ? lowerBytes[index] : 0
    }

    /// Whether the character at `index` is one of `characters` (lower-case ASCII), in any case.
    func lower(_ index: Int, isOneOf characters: StaticString) -> Bool {
        let byte = lower(index)
        guard byte != 0 else { return false }
        return UnsafeBufferPointer(start: characters.utf8Start, count: characters.utf8CodeUnitCount).contains(byte)
    }

    /// The lower-case ASCII text of `range`, which must hold ASCII only (a run of letters, say).
    func lowerWord(_ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, index) in range.enumerated() { buffer[offset] = lowerBytes[index] }
            return range.count
        }
    }

    /// The upper-case form of the ASCII letter at `index`.
    func upperLetter(_ index: Int) -> Unicode.Scalar? {
        isLetter(index) ? Unicode.Scalar(lowerBytes[index] - 32) : nil
    }

    func isUppercaseLetter(_ index: Int) -> Bool {
        isLetter(index) && scalars[index].value <= 90
    }

    func digitValue(_ index: Int) -> Int? {
        isDigit(index) ? Int(scalars[index].value - 48) : nil
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
    static let numberJoiners: Set<Unicode.Scalar> = [".", ",", ":", "/"]
    static let currencySigns: Set<Unicode.Scalar> = ["£", "$", "€"]

    /// A number starting at `index` is whole when nothing before it continues it: no letter or digit, no currency
    /// sign, and no decimal point, comma, colon or slash after a digit.
    func startsWholeNumber(_ index: Int) -> Bool {
        guard let before = self[index - 1] else { return true }
        if isWord(index - 1) || Self.currencySigns.contains(before) { return false }
        return !(Self.numberJoiners.contains(before) && isDigit(index - 2))
    }

    /// A number ending before `end` is whole when nothing after it continues it.
    func endsWholeNumber(_ end: Int) -> Bool {
        guard let after = self[end] else { return true }
        if isWord(end) { return false }
        return !(Self.numberJoiners.contains(after) && isDigit(end + 1))
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

    /// Whether `word` (lower-case ASCII) is written at `index`, in any case.
    func matches(_ word: String, at index: Int) -> Bool {
        guard index >= 0, index + word.utf8.count <= count else { return false }
        var position = index
        for byte in word.utf8 {
            guard lowerBytes[position] == byte else { return false }
            position += 1
        }
        return true
    }

    /// Where `phrase` (lower-case ASCII) ends when it is written at `index` as whole words, in any case, its
    /// spaces standing for one or more spaces or tabs.
    func phraseEnd(_ phrase: String, at index: Int) -> Int? {
        guard index >= 0, !isWord(index - 1) else { return nil }
        var position = index
        for byte in phrase.utf8 {
            if byte == 32 {
                let end = skippingSpaces(from: position)
                guard end > position else { return nil }
                position = end
                continue
            }
            guard position < count, lowerBytes[position] == byte else { return nil }
            position += 1
        }
        return isWord(position) && isWord(position - 1) ? nil : position
    }
}

/// One detector's match, before its line is known.
struct PrivacyMatch: Hashable {
    var kind: PrivacyFinding.Kind
    var certainty: PrivacyFinding.Certainty
    var range: Range<Int>
}
