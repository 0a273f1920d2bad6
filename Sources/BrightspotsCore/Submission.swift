import Foundation

/// A reflection as a practitioner sent it through the form or the API, before moderation.
/// Every field is kept exactly as typed, so a form with errors can be shown again with nothing lost.
public struct Submission: Codable, Sendable, Hashable {
    public var kind: String
    public var title: String
    /// The text under each of the kind's sections, in the kind's order.
    public var sections: [String]
    /// Free text: tags separated by commas.
    public var tags: String
    /// Principle slugs ticked.
    public var principles: [String]
    public var team: String
    /// Shown as the author; ignored when `anonymous` is set.
    public var displayName: String
    public var anonymous: Bool
    /// "" or a month like 2026-12: the Bright Spots forum to present at.
    public var forum: String
    /// Optional return on investment: what the work cost and what it avoided or achieved.
    public var cost: String
    public var paidFor: String
    public var outcomes: [SubmittedOutcome]
    /// "I have removed anything that could identify a person who uses services, and I agree to this being published."
    public var declaration: Bool

    public init(kind: String = "", title: String = "", sections: [String] = [], tags: String = "",
                principles: [String] = [], team: String = "", displayName: String = "", anonymous: Bool = false,
                forum: String = "", cost: String = "", paidFor: String = "", outcomes: [SubmittedOutcome] = [],
                declaration: Bool = false) {
        self.kind = kind
        self.title = title
        self.sections = sections
        self.tags = tags
        self.principles = principles
        self.team = team
        self.displayName = displayName
        self.anonymous = anonymous
        self.forum = forum
        self.cost = cost
        self.paidFor = paidFor
        self.outcomes = outcomes
        self.declaration = declaration
    }
}

/// One ROI outcome row as typed: a unit-cost code and how many times it was avoided or achieved.
public struct SubmittedOutcome: Codable, Sendable, Hashable {
    public var code: String
    public var count: String

    public init(code: String = "", count: String = "") {
        self.code = code
        self.count = count
    }

    public var isBlank: Bool { code.isEmpty && count.trimmingCharacters(in: .whitespaces).isEmpty }
}
