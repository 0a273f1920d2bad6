/// Finds direct identifiers of people who use services in free text: NHS and CHI numbers, National Insurance
/// numbers, postcodes, UK phone numbers, email addresses, dates of birth and ages (shared/PRIVACY.md).
/// Pure: used by the submission form, the API and `check`/`build` alike.
public struct PrivacyFinding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case nhsNumber = "nhs-number"
        case chiNumber = "chi-number"
        case nationalInsurance = "national-insurance-number"
        case postcode
        case phone = "phone-number"
        case email = "email-address"
        case dateOfBirth = "date-of-birth"
        case age

        /// For messages: "Remove the NHS number …".
        public var label: String {
            switch self {
            case .nhsNumber: return "NHS number"
            case .chiNumber: return "CHI number"
            case .nationalInsurance: return "National Insurance number"
            case .postcode: return "postcode"
            case .phone: return "phone number"
            case .email: return "email address"
            case .dateOfBirth: return "date of birth"
            case .age: return "age"
            }
        }
    }
    /// `certain`: the text has the identifier's exact shape and check digit (where it has one; a date of birth
    /// has its context word on the same line); `likely`: its shape only, or a looser shape;
    /// `review`: an indirect identifier (an age) for a person to judge.
    public enum Certainty: String, Sendable, Hashable, Codable { case certain, likely, review }

    public var kind: Kind
    /// The text as written, e.g. "943 476 5919".
    public var text: String
    /// 1-based line within the scanned text.
    public var line: Int
    public var certainty: Certainty

    public init(kind: Kind, text: String, line: Int, certainty: Certainty) {
        self.kind = kind
        self.text = text
        self.line = line
        self.certainty = certainty
    }
}

/// A moderator's decision that one finding is not an identifier, recorded in the entry's front matter
/// under `privacy_allowed:` so `check` and `build` accept it and the site says who decided and why.
public struct PrivacyAllowance: Sendable, Hashable, Codable {
    /// The finding's text exactly as it appears in the entry.
    public var text: String
    public var allowedBy: String
    public var reason: String

    public init(text: String, allowedBy: String, reason: String) {
        self.text = text
        self.allowedBy = allowedBy
        self.reason = reason
    }
}

extension PrivacyAllowance {
    /// Whether this allowance covers `finding`: the same text, ignoring case and how spaces are written.
    public func allows(_ finding: PrivacyFinding) -> Bool {
        Self.normalised(text) == Self.normalised(finding.text)
    }

    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}

public enum PrivacyGuard {
    /// Every finding in `text`, in the order they appear.
    public static func scan(_ text: String) -> [PrivacyFinding] {
        let scanned = PrivacyText(text)
        let matches = NumberDetector.scan(scanned) + NationalInsuranceDetector.scan(scanned)
            + PostcodeDetector.scan(scanned) + EmailDetector.scan(scanned)
            + DateOfBirthDetector.scan(scanned) + AgeDetector.scan(scanned)
        return outermost(matches).map { match in
            PrivacyFinding(kind: match.kind, text: scanned.string(match.range),
                           line: scanned.line(of: match.range.lowerBound), certainty: match.certainty)
        }
    }

    /// The findings no allowance covers.
    public static func unallowed(_ findings: [PrivacyFinding], allowances: [PrivacyAllowance]) -> [PrivacyFinding] {
        findings.filter { finding in !allowances.contains { $0.allows(finding) } }
    }

    /// Matches in order of position; one inside another (a postcode inside an email address) is left out,
    /// so the same text is never reported twice.
    private static func outermost(_ matches: [PrivacyMatch]) -> [PrivacyMatch] {
        let ordered = matches.sorted {
            ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count)
        }
        var kept: [PrivacyMatch] = []
        var reach = 0
        for match in ordered where match.range.upperBound > reach {
            kept.append(match)
            reach = max(reach, match.range.upperBound)
        }
        return kept
    }
}
