/// National Insurance numbers: two letters, six digits, a suffix A–D; spaces optional, any case.
/// HMRC's rules make a strict pass certain; a looser pass (any two letters, suffix optional) is likely, so that
/// HMRC's own deliberately invalid example QQ 12 34 56 A is still caught.
enum NationalInsuranceDetector {
    private static let neverPrefix: Set<Unicode.Scalar> = ["D", "F", "I", "Q", "U", "V"]
    private static let unusedPrefixes: Set<String> = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]
    private static let suffixes: Set<Unicode.Scalar> = ["A", "B", "C", "D"]

    /// The digits start two letters in, or three when a space follows the letters.
    static func scan(_ text: PrivacyText) -> [PrivacyMatch] {
        text.matchesBeforeDigitRuns(offsets: 2...3) { read(text, at: $0) }
    }

    private static func read(_ text: PrivacyText, at start: Int) -> PrivacyMatch? {
        guard !text.isWord(start - 1), text.isLetter(start), text.isLetter(start + 1) else { return nil }
        var position = start + 2
        var spaced = false
        if isSeparator(text[position]), text.isDigit(position + 1) { position += 1; spaced = true }
        // Six digits, whole or in pairs.
        for pair in 0..<3 {
            if pair > 0, isSeparator(text[position]), text.isDigit(position + 1) { position += 1; spaced = true }
            guard text.isDigit(position), text.isDigit(position + 1) else { return nil }
            position += 2
        }
        guard !text.isDigit(position) else { return nil }
        var end = position
        var suffix: Unicode.Scalar?
        let suffixAt = isSeparator(text[position]) ? position + 1 : position
        if let letter = text.upperLetter(suffixAt), suffixes.contains(letter), !text.isWord(suffixAt + 1) {
            suffix = letter
            end = suffixAt + 1
            spaced = spaced || suffixAt > position
        }
        guard !text.isWord(end) else { return nil }
        let prefix = text.string(start..<start + 2).uppercased()
        if suffix != nil, isValidPrefix(prefix) {
            return PrivacyMatch(kind: .nationalInsurance, certainty: .certain, range: start..<end)
        }
        // The loose pass: "on 12 03 84" is a date, not a number, so spaced lower-case letters are not read.
        let written = text.string(start..<start + 2)
        guard written == written.uppercased() || !spaced else { return nil }
        return PrivacyMatch(kind: .nationalInsurance, certainty: .likely, range: start..<end)
    }

    private static func isSeparator(_ character: Unicode.Scalar?) -> Bool {
        character == " " || character == "-" || character == "\u{00A0}"
    }

    static func isValidPrefix(_ prefix: String) -> Bool {
        let letters = Array(prefix.unicodeScalars)
        return letters.count == 2 && !neverPrefix.contains(letters[0]) && !neverPrefix.contains(letters[1])
            && letters[1] != "O" && !unusedPrefixes.contains(prefix)
    }
}

/// UK postcodes (BS 7666): an outward code (A9, A99, A9A, AA9, AA99, AA9A), an optional space, and an inward code
/// (a digit and two letters), in any case, as whole words. Partial postcodes ("LS11") are not read.
enum PostcodeDetector {
    private static let neverFirst: Set<Unicode.Scalar> = ["Q", "V", "X"]
    private static let neverSecond: Set<Unicode.Scalar> = ["I", "J", "Z"]
    private static let third: Set<Unicode.Scalar> = Set("ABCDEFGHJKSTUW".unicodeScalars)
    private static let fourth: Set<Unicode.Scalar> = Set("ABEHMNPRVWXY".unicodeScalars)
    private static let neverInward: Set<Unicode.Scalar> = Set("CIKMOV".unicodeScalars)

    /// A postcode's first digit is its second, third or fourth character ("GIR 0AA"'s its fifth).
    static func scan(_ text: PrivacyText) -> [PrivacyMatch] {
        text.matchesBeforeDigitRuns(offsets: 1...4) { read(text, at: $0) }
    }

    private static func read(_ text: PrivacyText, at start: Int) -> PrivacyMatch? {
        guard !text.isWord(start - 1), text.isLetter(start) else { return nil }
        if text.matches("gir", at: start) {  // Girobank's, the one postcode outside the pattern
            var inward = start + 3
            if text[inward] == " " { inward += 1 }
            if text.matches("0aa", at: inward), !text.isWord(inward + 3) {
                return PrivacyMatch(kind: .postcode, certainty: .certain, range: start..<inward + 3)
            }
        }
        // Every other postcode has a digit in its second, third or fourth place.
        guard text.isDigit(start + 1) || text.isDigit(start + 2) || text.isDigit(start + 3) else { return nil }
        for length in [4, 3, 2] where isOutward(text, start..<start + length) {
            var inward = start + length
            if text[inward] == " " || text[inward] == "\u{00A0}" { inward += 1 }
            guard text.isDigit(inward), isInwardLetter(text, inward + 1), isInwardLetter(text, inward + 2),
                  !text.isWord(inward + 3) else { continue }
            let written = text.string(inward + 1..<inward + 3)
            // "M1 2nd", "A5 4th": an ordinal after a road number reads as a postcode; say so less surely.
            let ordinal = ["st", "nd", "rd", "th"].contains(written)
            return PrivacyMatch(kind: .postcode, certainty: ordinal ? .likely : .certain, range: start..<inward + 3)
        }
        return nil
    }

    private static func upper(_ text: PrivacyText, _ index: Int) -> Unicode.Scalar? {
        text.upperLetter(index)
    }

    private static func isOutward(_ text: PrivacyText, _ range: Range<Int>) -> Bool {
        let i = range.lowerBound
        guard let first = upper(text, i), !neverFirst.contains(first), range.upperBound <= text.count else {
            return false
        }
        switch range.count {
        case 2:  // A9
            return text.isDigit(i + 1)
        case 3:  // A99, A9A, AA9
            if text.isDigit(i + 1) {
                if text.isDigit(i + 2) { return true }
                return upper(text, i + 2).map(third.contains) ?? false
            }
            guard let second = upper(text, i + 1), !neverSecond.contains(second) else { return false }
            return text.isDigit(i + 2)
        case 4:  // AA99, AA9A
            guard let second = upper(text, i + 1), !neverSecond.contains(second), text.isDigit(i + 2) else {
                return false
            }
            if text.isDigit(i + 3) { return true }
            return upper(text, i + 3).map(fourth.contains) ?? false
        default:
            return false
        }
    }

    private static func isInwardLetter(_ text: PrivacyText, _ index: Int) -> Bool {
        guard let upper = text.upperLetter(index) else { return false }
        return !neverInward.contains(upper)
    }
}
