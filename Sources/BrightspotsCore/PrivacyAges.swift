/// Exact ages: "aged 34", "age: 34", "34-year-old", "34 years old", "34 years of age", "34yo", "a seventy-year-old".
/// An age is an indirect identifier: with a place, a date and a rare event it can single someone out, so a
/// moderator must look (certainty `review`). Age bands ("in his 40s") and ranges ("aged 18 to 25",
/// "aged 65 and over", "25-year-olds") describe groups and are not reported.
enum AgeDetector {
    private static let units: [StaticString] = ["zero", "one", "two", "three", "four", "five", "six", "seven",
                                                "eight", "nine"]
    private static let teens: [StaticString] = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                                "sixteen", "seventeen", "eighteen", "nineteen"]
    private static let tens: [StaticString] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                               "ninety"]
    /// Every number word as its `letterKey` with its value, by length: most words in prose start with one of their
    /// first letters, so each is compared with the few of its length.
    private static let numberWords: [[(key: UInt64, value: Int)]] = {
        var words = Array(repeating: [(key: UInt64, value: Int)](), count: 10)
        let values = units.enumerated().map { ($1, $0) } + teens.enumerated().map { ($1, $0 + 10) }
            + tens.enumerated().map { ($1, ($0 + 2) * 10) }
        for (word, value) in values {
            words[word.utf8CodeUnitCount].append((PrivacyText.letterKey(word.description), value))
        }
        return words
    }()
    /// "25 years old" and its spellings; "old" must end the word, so "25-year-olds" (a group) is not read.
    private static let oldForms: [StaticString] = ["year old", "years old", "year-old", "years-old", "yr old",
                                                   "yrs old", "yr-old", "yrs-old", "month old", "months old",
                                                   "month-old", "months-old", "week old", "weeks old", "week-old",
                                                   "weeks-old", "years of age", "yrs of age"]
    private static let shortForms: [StaticString] = ["yo", "y/o", "y.o.", "y.o"]
    /// Words after "aged 65" that make it a range of ages rather than a person's age.
    private static let rangeWords: [StaticString] = ["to", "and over", "and above", "and under", "and older",
                                                     "and younger", "and upwards", "or over", "or above", "or under",
                                                     "or older", "or younger", "or more", "plus"]

    /// An age starts a word with a digit, "age" or a number word (their first letters: z, o, t, f, s, e, n).
    ///
    /// Most words start with one of those letters, and few are ages. So only the words shortly before an anchor
    /// are read (`anchored`, the default; false reads every word, as the tests' reference).
    static func scan(_ text: PrivacyText, anchored: Bool = true) -> [PrivacyMatch] {
        var matches: [PrivacyMatch] = []
        let anchors = anchored ? anchors(text) : nil
        text.forEachWordStart(with: "0123456789azotfsen", near: anchors, reach: reach) { index in
            guard let end = agedNumber(text, at: index) ?? numberOld(text, at: index) else { return nil }
            matches.append(PrivacyMatch(kind: .age, certainty: .review, range: index..<end))
            return end
        }
        return matches
    }

    /// Every age has one of these at most `reach` positions after its start: "age" at its start; "year", "yr",
    /// "month" or "week" after its number (at most "seventy-seven" and a space or hyphen, 14 positions); or the "y"
    /// of "yo", "y/o" and "y.o." right after its digits (three at most) or after them and a space. They are found
    /// from their rarer letters: the g of "age", each y, m and w.
    static func anchors(_ text: PrivacyText) -> [Int] {
        var anchors: [Int] = []
        for g in text.positions(ofLower: UInt8(ascii: "g")) where text.matches("age", at: g - 1) { anchors.append(g - 1) }
        for y in text.positions(ofLower: UInt8(ascii: "y")) {
            if text.matches("year", at: y) || text.matches("yr", at: y) || text.isDigit(y - 1)
                || (text[y - 1] == " " && text.isDigit(y - 2)) {
                anchors.append(y)
            }
        }
        for m in text.positions(ofLower: UInt8(ascii: "m")) where text.matches("month", at: m) { anchors.append(m) }
        for w in text.positions(ofLower: UInt8(ascii: "w")) where text.matches("week", at: w) { anchors.append(w) }
        return anchors.sorted()
    }

    /// How far before an anchor an age can start (see `anchors(_:)`), with room to spare.
    static let reach = 16

    /// "aged 34", "age 34", "age: 34", "age of 34", "aged seventy".
    private static func agedNumber(_ text: PrivacyText, at start: Int) -> Int? {
        guard text.lower(start) == UInt8(ascii: "a"),
              let word = text.phraseEnd("aged", at: start) ?? text.phraseEnd("age", at: start) else { return nil }
        var position = text.skippingSpaces(from: word)
        if text[position] == ":" {
            position = text.skippingSpaces(from: position + 1)
        } else if position > word, let of = text.phraseEnd("of", at: position) {
            position = text.skippingSpaces(from: of)
        }
        guard position > word, let (age, end) = number(text, at: position), age <= 120,
              !startsRange(text, after: end) else { return nil }
        return end
    }

    /// "34-year-old", "34 years old", "34 years of age", "34yo", "seventy-two-year-old".
    private static func numberOld(_ text: PrivacyText, at start: Int) -> Int? {
        if text.isDigit(start), text.startsWholeNumber(start) {
            let digitsEnd = text.digitsEnd(from: start)
            if digitsEnd - start <= 3, let end = shortForms.lazy.compactMap({ text.shortFormEnd($0, at: digitsEnd) }).first,
               !endsRange(text, before: start) {
                return end
            }
        }
        guard let (age, numberEnd) = number(text, at: start), age <= 120 else { return nil }
        var position = numberEnd
        if text[position] == "-" || text[position] == " " { position += 1 }
        guard let end = oldForms.lazy.compactMap({ text.phraseEnd($0, at: position) }).first,
              !endsRange(text, before: start) else { return nil }
        return end
    }

    /// A number written in digits (up to three) or in words (up to ninety-nine) that is a whole word.
    static func number(_ text: PrivacyText, at start: Int) -> (Int, Int)? {
        if text.isDigit(start) {
            let end = text.digitsEnd(from: start)
            guard end - start <= 3, text.startsWholeNumber(start), text.endsWholeNumber(end) else { return nil }
            return ((start..<end).reduce(0) { $0 * 10 + text.digitValue($1)! }, end)
        }
        // The first letters of the number words; a number word is a whole word, so the run of letters is it.
        guard text.lower(start, isOneOf: "zotfsen"), !text.isWord(start - 1) else { return nil }
        let end = text.lettersEnd(from: start)
        guard (3...9).contains(end - start), !text.isWord(end) else { return nil }
        let key = text.letterKey(start..<end)
        guard let value = numberWords[end - start].first(where: { $0.key == key })?.value else { return nil }
        if value >= 20, text[end] == "-" || text[end] == " " {
            for (unit, name) in units.enumerated().dropFirst() {
                if let unitEnd = text.phraseEnd(name, at: end + 1) { return (value + unit, unitEnd) }
            }
        }
        return (value, end)
    }

    /// "aged 18-25", "aged 65+", "aged 18 to 25", "aged 65 and over".
    private static func startsRange(_ text: PrivacyText, after end: Int) -> Bool {
        if text[end] == "+" { return true }
        let next = text.skippingSpaces(from: end)
        if (text[next] == "-" || text[next] == "\u{2013}"), text.isDigit(text.skippingSpaces(from: next + 1)) {
            return true
        }
        return next > end && rangeWords.contains { text.phraseEnd($0, at: next) != nil }
    }

    /// "18-25 year olds", "18 to 25 years old": the second number of a range.
    private static func endsRange(_ text: PrivacyText, before start: Int) -> Bool {
        var position = start - 1
        while text.isSpace(position) { position -= 1 }
        if text[position] == "-" || text[position] == "\u{2013}" {
            var before = position - 1
            while text.isSpace(before) { before -= 1 }
            return text.isDigit(before)
        }
        for word: StaticString in ["to", "and", "or"] {
            let wordStart = position - word.utf8CodeUnitCount + 1
            guard text.phraseEnd(word, at: wordStart) == position + 1 else { continue }
            var before = wordStart - 1
            while text.isSpace(before) { before -= 1 }
            return text.isDigit(before) || (text.isLetter(before) && number(text, at: startOfWord(text, before)) != nil)
        }
        return false
    }

    /// The start of the word (hyphenated words included) that `index` is in.
    private static func startOfWord(_ text: PrivacyText, _ index: Int) -> Int {
        var start = index
        while text.isLetter(start - 1) || text[start - 1] == "-" && text.isLetter(start - 2) { start -= 1 }
        return start
    }
}

extension PrivacyText {
    /// Where `form` (e.g. "yo") ends when written right after a number, or after one space, and ends a word.
    func shortFormEnd(_ form: StaticString, at index: Int) -> Int? {
        let start = self[index] == " " ? index + 1 : index
        let end = start + form.utf8CodeUnitCount
        return matches(form, at: start) && !isWord(end) ? end : nil
    }
}
