/// NHS numbers, CHI numbers and UK phone numbers: runs of digit groups, read together because the same
/// ten digits could be any of them.
///
/// Each run of digits is reported once, as the kind that fits best:
/// - "+44" or "0044" in front, or 11 digits starting with 0: a phone number.
/// - 10 digits written whole, 3-3-4 or (for CHI) 6-4 with a valid mod-11 check digit: a CHI number when the first
///   six digits are a date (DDMMYY), otherwise an NHS number, certain. CHI numbers use the NHS check digit, and the
///   two are issued from ranges that do not overlap (Scotland 010–311, Northern Ireland 320–399, England and Wales
///   400 and over), so the date decides.
/// - 10 digits with a wrong check digit: an NHS number, likely; but when it starts with 0 and is not written 3-3-4,
///   a phone number (0 and nine digits), likely.
/// - other groupings of 0 and nine digits: a phone number, likely.
enum NumberDetector {
    /// Characters allowed between the digit groups of one number.
    private static func isSeparator(_ character: Unicode.Scalar) -> Bool {
        switch character {
        case " ", "\t", "\u{00A0}", "\u{202F}", "-", "(", ")": return true
        default: return false
        }
    }

    /// Digit groups joined by separators, e.g. "+44 (0)20 7946 0001" → 44, 0, 20, 7946, 0001.
    private struct Run {
        var groups: [Range<Int>]
        /// Whether each gap before groups[i + 1] has a bracket.
        var bracketedGaps: [Bool]
        /// A "+" written just before the first group.
        var plus: Bool
    }

    static func scan(_ text: PrivacyText) -> [PrivacyMatch] {
        var matches: [PrivacyMatch] = []
        var index = 0  // the end of the last run read: a run of digits inside it is part of that run
        for start in text.digitRunStarts where start >= index {
            let run = readRun(text, from: start)
            index = run?.groups.last?.upperBound ?? text.digitsEnd(from: start)
            if let run { matches += find(in: run, text) }
        }
        return matches
    }

    private static func readRun(_ text: PrivacyText, from start: Int) -> Run? {
        var end = text.digitsEnd(from: start)
        guard text.startsWholeNumber(start), text.endsWholeNumber(end) else { return nil }
        var run = Run(groups: [start..<end], bracketedGaps: [], plus: text[start - 1] == "+")
        while true {
            var next = end
            var hyphens = 0, brackets = 0
            while next - end < 4, let character = text[next], isSeparator(character) {
                if character == "-" { hyphens += 1 }
                if character == "(" || character == ")" { brackets += 1 }
                next += 1
            }
            guard next > end, hyphens <= 1, brackets <= 2, text.isDigit(next) else { return run }
            let groupEnd = text.digitsEnd(from: next)
            guard text.endsWholeNumber(groupEnd) else { return run }
            run.groups.append(next..<groupEnd)
            run.bracketedGaps.append(brackets > 0)
            end = groupEnd
        }
    }

    /// The identifiers in a run, each as long as it can be, from the left. A run can hold more than one
    /// ("07700 900123 943 476 5919"), so groups are tried in spans of up to six.
    private static func find(in run: Run, _ text: PrivacyText) -> [PrivacyMatch] {
        var matches: [PrivacyMatch] = []
        var first = 0
        while first < run.groups.count {
            var found = false
            for last in stride(from: min(run.groups.count - 1, first + 5), through: first, by: -1) {
                guard let (kind, certainty) = classify(run, first...last, text) else { continue }
                matches.append(PrivacyMatch(kind: kind, certainty: certainty,
                                            range: span(run, first...last, text)))
                first = last + 1
                found = true
                break
            }
            if !found { first += 1 }
        }
        return matches
    }

    /// The text of groups `groups`, with a leading "+" or "(" and a closing ")" that belong to them.
    private static func span(_ run: Run, _ groups: ClosedRange<Int>, _ text: PrivacyText) -> Range<Int> {
        var start = run.groups[groups.lowerBound].lowerBound
        var end = run.groups[groups.upperBound].upperBound
        if groups.lowerBound == 0, run.plus { start -= 1 }
        if text[start - 1] == "(" { start -= 1 }
        let written = text.string(start..<end)
        if written.filter({ $0 == "(" }).count > written.filter({ $0 == ")" }).count, text[end] == ")" { end += 1 }
        return start..<end
    }

    private static func classify(_ run: Run, _ groups: ClosedRange<Int>,
                                 _ text: PrivacyText) -> (PrivacyFinding.Kind, PrivacyFinding.Certainty)? {
        // Every identifier read here has 10 to 15 digits ("+44 (0)" and 0044 with a national number of 9 or 10);
        // most numbers in prose are shorter, and counting is cheaper than reading.
        let count = run.groups[groups].reduce(0) { $0 + $1.count }
        guard (10...15).contains(count) else { return nil }
        let digits = run.groups[groups].flatMap { $0.map { text.digitValue($0)! } }
        let sizes = run.groups[groups].map(\.count)
        let bracketed = run.bracketedGaps[groups.lowerBound..<groups.upperBound].contains(true)
        if groups.lowerBound == 0, run.plus {
            return digits.starts(with: [4, 4]) ? international(digits.dropFirst(2)) : nil
        }
        if digits.starts(with: [0, 0, 4, 4]) { return international(digits.dropFirst(4)) }
        if digits.count == 10, let found = tenDigits(digits, sizes: sizes, bracketed: bracketed) { return found }
        // Other numbers starting 00 are dialled abroad: not UK numbers.
        guard digits.first == 0, digits.dropFirst().first != 0, isPhoneGrouping(sizes) else { return nil }
        switch digits.count {
        case 11: return (.phone, .certain)
        case 10: return (.phone, .likely)
        default: return nil
        }
    }

    private static func tenDigits(_ digits: [Int], sizes: [Int],
                                  bracketed: Bool) -> (PrivacyFinding.Kind, PrivacyFinding.Certainty)? {
        guard !bracketed else { return nil }
        let nhsShape = sizes == [10] || sizes == [3, 3, 4]
        let chiShape = sizes == [10] || sizes == [6, 4]
        switch (hasValidCheckDigit(digits), isCHIDate(digits)) {
        case (true, true) where chiShape: return (.chiNumber, .certain)
        case (true, _) where nhsShape: return (.nhsNumber, .certain)
        case (false, true) where sizes == [6, 4]: return (.chiNumber, .likely)
        case (false, _) where nhsShape:
            return digits.first == 0 && sizes == [10] ? (.phone, .likely) : (.nhsNumber, .likely)
        default: return nil
        }
    }

    /// After "+44" or "0044": an optional "(0)", then a national number of 9 or 10 digits not starting with 0.
    private static func international(_ rest: ArraySlice<Int>) -> (PrivacyFinding.Kind, PrivacyFinding.Certainty)? {
        let national = rest.first == 0 ? rest.dropFirst() : rest
        guard (9...10).contains(national.count), national.first != 0 else { return nil }
        return (.phone, national.count == 10 ? .certain : .likely)
    }

    /// UK numbers are grouped from an area or mobile code of three digits or more, in groups of two or more.
    private static func isPhoneGrouping(_ sizes: [Int]) -> Bool {
        sizes[0] >= 3 && sizes.allSatisfy { $0 >= 2 }
    }

    /// The NHS (and CHI) mod-11 check: digits 1–9 weighted 10 down to 2; 11 − (sum mod 11), 11 → 0, 10 invalid.
    static func hasValidCheckDigit(_ digits: [Int]) -> Bool {
        guard digits.count == 10 else { return false }
        let sum = zip(digits.prefix(9), stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        switch check {
        case 11: return digits[9] == 0
        case 10: return false
        default: return digits[9] == check
        }
    }

    /// Whether the first six digits are a date of birth written DDMMYY, as a CHI number starts.
    static func isCHIDate(_ digits: [Int]) -> Bool {
        guard digits.count >= 6 else { return false }
        let day = digits[0] * 10 + digits[1]
        let month = digits[2] * 10 + digits[3]
        let year = digits[4] * 10 + digits[5]
        // The century is unknown; 29 February is a date in any year divisible by four.
        return Day(year: year % 4 == 0 ? 2000 : 2001, month: month, day: day) != nil
    }
}
