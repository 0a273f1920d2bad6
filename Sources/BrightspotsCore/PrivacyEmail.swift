/// Email addresses: local@domain.tld, and spelled out to slip past filters: "jo dot bloggs at example dot com",
/// "jo.bloggs (at) example (dot) org", "jo [at] example [dot] co [dot] uk".
enum EmailDetector {
    /// Both kinds start from the same few marks, found in one pass over the text: an "@", an opening bracket or
    /// a "dot".
    static func scan(_ text: PrivacyText) -> [PrivacyMatch] {
        let marks = text.positions(of: "@([{<", orWord: "dot")
        return literal(text, ats: marks.filter { text[$0] == "@" }) + spelledOut(text, marks: marks)
    }

    // MARK: local@domain.tld

    private static func isLocal(_ text: PrivacyText, _ index: Int) -> Bool {
        text.isWord(index) || text.lower(index, isOneOf: "._%+-'")
    }

    private static func isDomain(_ text: PrivacyText, _ index: Int) -> Bool {
        text.isWord(index) || text[index] == "-" || text[index] == "."
    }

    /// `ats`: where the text has an "@".
    private static func literal(_ text: PrivacyText, ats: [Int]) -> [PrivacyMatch] {
        var matches: [PrivacyMatch] = []
        for at in ats {
            var start = at
            while isLocal(text, start - 1) { start -= 1 }
            while start < at, text[start] == "." || text[start] == "'" || text[start] == "-" { start += 1 }
            var end = at + 1
            while isDomain(text, end) { end += 1 }
            while end > at + 1, text[end - 1] == "." || text[end - 1] == "-" { end -= 1 }
            guard start < at, isDomain(text.string(at + 1..<end)) else { continue }
            matches.append(PrivacyMatch(kind: .email, certainty: .certain, range: start..<end))
        }
        return matches
    }

    /// Labels separated by dots, the last (the top-level domain) of two letters or more.
    private static func isDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let last = labels.last else { return false }
        return last.count >= 2 && last.allSatisfy { $0.isASCII && $0.isLetter }
    }

    // MARK: Spelled out

    /// Top-level domains a spelled-out address must end with, so "a meeting at the hub dot…" is not read as one.
    static let topLevelDomains: Set<String> = ["com", "org", "net", "uk", "gov", "nhs", "ac", "co", "edu", "info",
                                               "io", "me", "scot", "wales", "cymru", "london", "biz", "eu", "ie",
                                               "int", "online", "email", "mail", "app", "dev", "tv", "us"]

    private enum Token: Equatable {
        /// A run of address characters, possibly with dots inside: "jo.bloggs".
        case word(Range<Int>)
        /// "at" between spaces, "(at)", "[at]", "{at}", "<at>" or a lone "@". `marked`: written in brackets or as @.
        case at(marked: Bool)
        /// "dot" between spaces or in brackets.
        case dot
        /// Anything else: punctuation, a line break.
        case other
    }

    private static func isWordCharacter(_ text: PrivacyText, _ index: Int) -> Bool {
        text.isWord(index) || text[index] == "%" || text[index] == "+" || text[index] == "-"
    }

    /// The words and connectors of `line` (a whole line: no token runs across a line break), spaces dropped,
    /// each with where it starts and ends.
    private static func tokens(_ text: PrivacyText, in line: Range<Int>) -> [(token: Token, range: Range<Int>)] {
        var tokens: [(token: Token, range: Range<Int>)] = []
        var index = line.lowerBound
        while index < line.upperBound {
            if text.isSpace(index) { index += 1; continue }
            if let (connector, end) = bracketed(text, at: index) {
                tokens.append((connector, index..<end))
                index = end
                continue
            }
            if isWordCharacter(text, index) {
                var end = index
                while isWordCharacter(text, end) || (text[end] == "." && isWordCharacter(text, end + 1)) { end += 1 }
                let token: Token = end - index == 2 && text.matches("at", at: index) ? .at(marked: false)
                    : end - index == 3 && text.matches("dot", at: index) ? .dot : .word(index..<end)
                tokens.append((token, index..<end))
                index = end
                continue
            }
            if text[index] == "@", text.isSpace(index - 1), text.isSpace(index + 1) {
                tokens.append((.at(marked: true), index..<index + 1))
            } else {
                tokens.append((.other, index..<index + 1))
            }
            index += 1
        }
        return tokens
    }

    private static func bracketed(_ text: PrivacyText, at index: Int) -> (Token, Int)? {
        let close: Unicode.Scalar
        switch text[index] {
        case "(": close = ")"
        case "[": close = "]"
        case "{": close = "}"
        case "<": close = ">"
        default: return nil
        }
        let start = text.skippingSpaces(from: index + 1)
        let word: (Token, Int)? = text.matches("at", at: start) ? (.at(marked: true), 2)
            : text.matches("dot", at: start) ? (.dot, 3) : nil
        guard let (token, length) = word else { return nil }
        let end = text.skippingSpaces(from: start + length)
        return text[end] == close ? (token, end + 1) : nil
    }

    /// The spelled-out addresses of each line with a "dot", an "@" or an "(at)" somewhere in it: reading text as
    /// tokens is slow, and needless in a line without one, and no address runs across a line break, as no token
    /// does. `marks`: where the text has a "dot", an "@" or an opening bracket.
    private static func spelledOut(_ text: PrivacyText, marks: [Int]) -> [PrivacyMatch] {
        var matches: [PrivacyMatch] = []
        var readUpTo = 0  // the end of the last line read
        for index in marks where index >= readUpTo {
            guard text.matches("dot", at: index) || text[index] == "@"
                || (text.lower(index, isOneOf: "([{<") && text.matches("at", at: text.skippingSpaces(from: index + 1)))
            else { continue }
            let line = text.lineRange(text.line(of: index))
            matches += spelledOut(text, line: tokens(text, in: line))
            readUpTo = line.upperBound
        }
        return matches
    }

    /// word (dot word)* at word (dot word)+, ending in a top-level domain. A bare " at " with only literal dots
    /// after it ("the charity at mind.org.uk") is a website, not a hidden address, so it needs a spelled "dot"
    /// or a bracketed "(at)".
    private static func spelledOut(_ text: PrivacyText, line tokens: [(token: Token, range: Range<Int>)])
        -> [PrivacyMatch] {
        var matches: [PrivacyMatch] = []
        for (position, item) in tokens.enumerated() {
            guard case .at(let marked) = item.token, position > 0, position + 1 < tokens.count,
                  case .word = tokens[position - 1].token else { continue }
            var first = position - 1
            while first >= 2, tokens[first - 1].token == .dot, case .word = tokens[first - 2].token { first -= 2 }
            // The longest domain that ends in a top-level domain.
            var last: Int?
            var spelledDot = false, spelledDotAtLast = false
            var next = position + 1
            while next < tokens.count, case .word(let range) = tokens[next].token {
                let word = text.string(range).lowercased()
                let label = word.split(separator: ".").last.map(String.init) ?? word
                if topLevelDomains.contains(label), next > position + 1 || word.contains(".") {
                    last = next
                    spelledDotAtLast = spelledDot
                }
                guard next + 2 < tokens.count, tokens[next + 1].token == .dot else { break }
                spelledDot = true
                next += 2
            }
            guard let last, marked || spelledDotAtLast else { continue }
            matches.append(PrivacyMatch(kind: .email, certainty: .certain,
                                        range: tokens[first].range.lowerBound..<tokens[last].range.upperBound))
        }
        return matches
    }
}
