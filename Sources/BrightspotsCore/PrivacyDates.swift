/// Dates of birth: a date within two lines of a word that says it is one ("DOB", "date of birth", "born",
/// "birthday"). Reviews are full of incident dates, so a date on its own is never a finding.
enum DateOfBirthDetector {
    static let contextPhrases: [StaticString] = ["dob", "d.o.b", "date of birth", "date-of-birth", "birth date",
                                                 "birthdate", "born", "birthday", "birthdays"]
    /// How many lines above or below the date a context word may be.
    static let reach = 2

    /// Dates first, as they are rare and every one holds digits; then context words, only near a date, and not
    /// inside one (text that is part of a date is not read again).
    static func scan(_ text: PrivacyText) -> [PrivacyMatch] {
        var dates: [Range<Int>] = []
        var next = 0  // the first position not yet read or inside a date
        for digits in text.digitRunStarts where digits >= next {
            // A date starts with its digits or with a month's name, spaces and then its digits.
            for start in [DateReader.monthNameStart(in: text, before: digits), digits] where start >= next {
                guard !text.isWord(start - 1), let date = DateReader.date(in: text, at: start) else {
                    next = start + 1
                    continue
                }
                dates.append(date)
                next = date.upperBound
            }
        }
        guard !dates.isEmpty else { return [] }
        var contextLines: Set<Int> = []
        var searched: Set<Int> = []
        for date in dates {
            let line = text.line(of: date.lowerBound)
            for near in max(1, line - reach)...min(text.lineCount, line + reach) where searched.insert(near).inserted {
                let found = text.positions(of: "db", in: text.lineRange(near)).contains { index in
                    !text.isWord(index - 1) && !dates.contains { $0.lowerBound < index && index < $0.upperBound }
                        && contextPhrases.contains { text.phraseEnd($0, at: index) != nil }
                }
                if found { contextLines.insert(near) }
            }
        }
        return dates.compactMap { date in
            let line = text.line(of: date.lowerBound)
            guard (line - reach...line + reach).contains(where: contextLines.contains) else { return nil }
            return PrivacyMatch(kind: .dateOfBirth, certainty: contextLines.contains(line) ? .certain : .likely,
                                range: date)
        }
    }
}

/// Reads a date written the ways people write them: 12/03/1984, 12-03-84, 12.03.1984, 1984-03-12,
/// 12 March 1984, 12th of Mar 1984, March 12, 1984. A day and month named in words need no year ("born on
/// 12 March"); numbers alone do, as "12/03" could be anything.
enum DateReader {
    static let monthNames: [(name: String, month: Int, abbreviated: Bool)] = {
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"]
        let short = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        // Longest first, so "september" is read before "sept" and "sep".
        let names = full.enumerated().map { ($1, $0 + 1, false) }
            + ([("sept", 9, true)] + short.map { name in (name, full.firstIndex { $0.hasPrefix(name) }! + 1, true) })
        return names.sorted { $0.0.count > $1.0.count }
    }()
    /// The same names by `PrivacyText.letterKey`, to compare with the text without making a string of it.
    private static let monthKeys: [(key: UInt64, month: Int, abbreviated: Bool)] = monthNames.map {
        (PrivacyText.letterKey($0.name), $0.month, $0.abbreviated)
    }
    private static let ordinals: [StaticString] = ["st", "nd", "rd", "th"]

    private static func isNumericSeparator(_ character: Unicode.Scalar) -> Bool {
        character == "/" || character == "-" || character == "."
    }

    /// Where a month's name (its letters, an optional full stop and spaces) would start before the run of digits
    /// at `digits`: the only place before it that a date with those digits could start.
    static func monthNameStart(in text: PrivacyText, before digits: Int) -> Int {
        var position = digits - 1
        while text.isSpace(position) { position -= 1 }
        if text[position] == "." { position -= 1 }
        while text.isLetter(position) { position -= 1 }
        return position + 1
    }

    /// The date that starts at `index`, if one does.
    static func date(in text: PrivacyText, at index: Int) -> Range<Int>? {
        if text.isDigit(index) {
            guard text.startsWholeNumber(index) else { return nil }
            return numeric(text, at: index) ?? dayFirst(text, at: index)
        }
        return monthFirst(text, at: index)
    }

    /// 12/03/1984, 12-03-84, 12.03.1984 (day first, as the UK writes them) and 1984-03-12.
    private static func numeric(_ text: PrivacyText, at start: Int) -> Range<Int>? {
        let firstEnd = text.digitsEnd(from: start)
        guard let separator = text[firstEnd], isNumericSeparator(separator) else { return nil }
        let secondStart = firstEnd + 1
        let secondEnd = text.digitsEnd(from: secondStart)
        guard (1...2).contains(secondEnd - secondStart), text[secondEnd] == separator else { return nil }
        let thirdStart = secondEnd + 1
        let thirdEnd = text.digitsEnd(from: thirdStart)
        guard thirdEnd > thirdStart, text.endsWholeNumber(thirdEnd),
              !(text[thirdEnd] == separator && text.isDigit(thirdEnd + 1)) else { return nil }
        let first = number(text, start..<firstEnd), second = number(text, secondStart..<secondEnd)
        let third = number(text, thirdStart..<thirdEnd)
        switch (firstEnd - start, thirdEnd - thirdStart) {
        case (1...2, 2), (1...2, 4):
            return isDate(day: first, month: second, year: third) ? start..<thirdEnd : nil
        case (4, 1...2):
            return isDate(day: third, month: second, year: first) ? start..<thirdEnd : nil
        default:
            return nil
        }
    }

    /// 12 March 1984, 12th Mar 1984, 12th of March, 12 March '84.
    private static func dayFirst(_ text: PrivacyText, at start: Int) -> Range<Int>? {
        guard let (day, dayEnd) = dayNumber(text, at: start) else { return nil }
        var position = text.skippingSpaces(from: dayEnd)
        guard position > dayEnd else { return nil }
        if let of = text.phraseEnd("of", at: position) {
            let next = text.skippingSpaces(from: of)
            guard next > of else { return nil }
            position = next
        }
        guard let (month, monthEnd) = monthName(text, at: position),
              isDate(day: day, month: month, year: 2000) else { return nil }
        return start..<(year(text, after: monthEnd, day: day, month: month) ?? monthEnd)
    }

    /// March 12, 1984 and March 12th. Without a year the month must be capitalised: "may 3" is more often a verb.
    private static func monthFirst(_ text: PrivacyText, at start: Int) -> Range<Int>? {
        guard text.lower(start, isOneOf: "jfmasond"), let (month, monthEnd) = monthName(text, at: start) else {
            return nil
        }
        let position = text.skippingSpaces(from: monthEnd)
        guard position > monthEnd, text.startsWholeNumber(position),
              let (day, dayEnd) = dayNumber(text, at: position),
              isDate(day: day, month: month, year: 2000) else { return nil }
        if let end = year(text, after: dayEnd, day: day, month: month) { return start..<end }
        return text.isUppercaseLetter(start) ? start..<dayEnd : nil
    }

    /// A day of one or two digits, with an optional st, nd, rd or th, that ends a word.
    private static func dayNumber(_ text: PrivacyText, at start: Int) -> (Int, Int)? {
        let digitsEnd = text.digitsEnd(from: start)
        guard (1...2).contains(digitsEnd - start) else { return nil }
        let day = number(text, start..<digitsEnd)
        if let suffix = ordinals.first(where: { suffixAt(text, $0, digitsEnd) }) {
            return (day, digitsEnd + suffix.utf8CodeUnitCount)
        }
        return text.endsWholeNumber(digitsEnd) ? (day, digitsEnd) : nil
    }

    /// Whether `suffix` (lower case) is written at `index`, in any case, and ends a word.
    private static func suffixAt(_ text: PrivacyText, _ suffix: StaticString, _ index: Int) -> Bool {
        text.matches(suffix, at: index) && !text.isWord(index + suffix.utf8CodeUnitCount)
    }

    /// A month's name or abbreviation (with an optional full stop) that is a whole word.
    static func monthName(_ text: PrivacyText, at start: Int) -> (Int, Int)? {
        guard !text.isWord(start - 1) else { return nil }
        // A name is a whole word, so it is the run of letters here, or none is.
        let end = text.lettersEnd(from: start)
        guard (3...9).contains(end - start), !text.isWord(end) else { return nil }
        let key = text.letterKey(start..<end)
        guard let (_, month, abbreviated) = monthKeys.first(where: { $0.key == key }) else { return nil }
        return (month, abbreviated && text[end] == "." ? end + 1 : end)
    }

    /// The end of a year after a day and month: ", 1984", " 1984" or " '84".
    private static func year(_ text: PrivacyText, after end: Int, day: Int, month: Int) -> Int? {
        var position = end
        if text[position] == "," { position += 1 }
        let yearStart = text.skippingSpaces(from: position)
        guard yearStart > position else { return nil }
        if text[yearStart] == "'" || text[yearStart] == "\u{2019}" {
            let yearEnd = text.digitsEnd(from: yearStart + 1)
            return yearEnd - yearStart == 3 && text.endsWholeNumber(yearEnd) ? yearEnd : nil
        }
        let yearEnd = text.digitsEnd(from: yearStart)
        guard yearEnd - yearStart == 4, text.endsWholeNumber(yearEnd),
              isDate(day: day, month: month, year: number(text, yearStart..<yearEnd)) else { return nil }
        return yearEnd
    }

    /// A part of a date has at most four digits. A longer run is never read as one (only lengths up to four are
    /// compared), and reading it would overflow `Int` and stop the process: "15-6666666666666666666-1" did.
    private static func number(_ text: PrivacyText, _ range: Range<Int>) -> Int {
        guard range.count <= 4 else { return 0 }
        return range.reduce(0) { $0 * 10 + (text.digitValue($1) ?? 0) }
    }

    /// A two-digit year could be in any century: 29 February counts when it is divisible by four.
    private static func isDate(day: Int, month: Int, year: Int) -> Bool {
        let fullYear = year < 100 ? (year % 4 == 0 ? 2000 : 2001) : year
        return Day(year: fullYear, month: month, day: day) != nil
    }
}
