import BrightspotsCore
import BrightspotsSite
import BrightspotsStore
import Foundation

/// View models for the submission and moderation templates. Every string in them is escaped by the
/// templates ({{…}}); only `html` fields hold HTML, and those come from discount with raw HTML disabled.
///
/// Templates get them as dictionaries made by their `Encodable` conformance (`SiteSnapshot.render`): a template
/// sees exactly the encoded properties, and an optional that is nil is absent, so the name is looked up in the
/// enclosing views instead, as Mustache does for a missing key.
struct FieldView: Encodable {
    var id: String
    var name: String
    var value: String
    var error: String?
    var hint: String?
    var limit: Int?
    /// Computed properties are not encoded, so templates cannot see them: derived values are stored.
    var limitText: String?

    init(id: String, name: String, value: String, error: String?, hint: String?, limit: Int?) {
        self.id = id
        self.name = name
        self.value = value
        self.error = error
        self.hint = hint
        self.limit = limit
        self.limitText = limit.map { "You can enter up to \($0.formatted()) characters" }
    }
}

struct ErrorLinkView: Encodable {
    var href: String
    var message: String
}

struct OptionView: Encodable {
    var value: String
    var label: String
    var selected: Bool
}

struct CheckboxView: Encodable {
    var id: String
    var value: String
    var label: String
    var hint: String
    var checked: Bool
}

struct OutcomeRowView: Encodable {
    var number: Int
    var codeID: String
    var countID: String
    var options: [OptionView]
    var count: String
    var codeError: String?
    var countError: String?
}

struct SubmissionFormView: Encodable {
    var action: String
    var csrf: String
    var heading: String
    var caption: String
    var kind: String
    var kindDescription: String
    var errors: [ErrorLinkView]
    var title: FieldView
    var sections: [FieldView]
    var tags: FieldView
    var tagSuggestions: [String]
    var principles: [CheckboxView]
    var principlesError: String?
    var team: FieldView
    var displayName: FieldView
    var anonymous: Bool
    var forumOptions: [OptionView]
    var forumError: String?
    var cost: FieldView
    var paidFor: FieldView
    var outcomes: [OutcomeRowView]
    var showDeclaration: Bool
    var declaration: Bool
    var declarationError: String?
    var submitLabel: String
    var backURL: String
    var hasErrors = false
    var hasForums = false
    /// The return-on-investment details open when anything in them is filled in or wrong.
    var roiOpen = false
    var tagSuggestionText = ""
}

/// Builds the form's view from a submission as typed and its errors.
struct SubmissionFormBuilder {
    let snapshot: SiteSnapshot

    func view(_ submission: Submission, errors: [FieldError], action: String, csrf: String,
              forModerator: Bool = false) -> SubmissionFormView {
        let kind = snapshot.site.kind(submission.kind)!
        func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
        func field(_ id: String, _ name: String, _ value: String, hint: String? = nil, limit: Int? = nil) -> FieldView {
            FieldView(id: id, name: name, value: value, error: error(id), hint: hint, limit: limit)
        }
        let sections = kind.sections.enumerated().map { index, heading in
            FieldView(id: "section-\(index + 1)", name: "sections[]",
                      value: index < submission.sections.count ? submission.sections[index] : "",
                      error: error("section-\(index + 1)"), hint: heading, limit: SubmissionLimits.section)
        }
        let principles = snapshot.vocabulary.principles.principles.map { principle in
            CheckboxView(id: "principle-\(principle.slug)", value: principle.slug, label: principle.title,
                         hint: principle.description, checked: submission.principles.contains(principle.slug))
        }
        var forums = [OptionView(value: "", label: "Not for a forum", selected: submission.forum.isEmpty)]
        for edition in snapshot.upcomingEditions {
            forums.append(OptionView(value: edition.month.description,
                                     label: "\(edition.month.longForm) (\(edition.date.longForm))",
                                     selected: submission.forum == edition.month.description))
        }
        // Each row offers every unit cost; their labels (with amounts) are made once per snapshot.
        let costs = snapshot.remembered("unit cost options") {
            snapshot.vocabulary.unitCosts.costs.map { (code: $0.code, label: "\($0.label) (\($0.unit), \($0.value.display))") }
        }
        let typedRows = submission.outcomes
        let rowCount = max(3, min(SubmissionLimits.outcomeRows, typedRows.count))
        let outcomes = (0..<rowCount).map { index -> OutcomeRowView in
            let typed = index < typedRows.count ? typedRows[index] : SubmittedOutcome()
            var options = [OptionView(value: "", label: "Choose an outcome", selected: typed.code.isEmpty)]
            options += costs.map { OptionView(value: $0.code, label: $0.label, selected: $0.code == typed.code) }
            return OutcomeRowView(number: index + 1, codeID: "outcome-\(index + 1)-code",
                                  countID: "outcome-\(index + 1)-count", options: options, count: typed.count,
                                  codeError: error("outcome-\(index + 1)-code"),
                                  countError: error("outcome-\(index + 1)-count"))
        }
        var view = SubmissionFormView(
            action: action, csrf: csrf,
            heading: forModerator ? "Edit this \(kind.label)" : "Send \(article(kind.label)) \(kind.label)",
            caption: kind.plural, kind: kind.id, kindDescription: kind.description,
            errors: errors.map { ErrorLinkView(href: "#\($0.field)", message: $0.message) },
            title: field("title", "title", submission.title,
                         hint: "A few words that say what happened or what worked, like ‘Money first, not medication’.",
                         limit: SubmissionLimits.title),
            sections: sections,
            tags: field("tags", "tags", submission.tags,
                        hint: "Separate tags with commas, like ‘housing, mental health’.", limit: SubmissionLimits.tags),
            tagSuggestions: snapshot.tagsInUse.prefix(12).map(\.label),
            principles: principles, principlesError: error("principles"),
            team: field("team", "team", submission.team, hint: "The team or service, like ‘Housing Options’.",
                        limit: SubmissionLimits.team),
            displayName: field("display-name", "display_name", submission.displayName,
                               hint: "Your name or a name colleagues know you by. Do not give the name of anyone you support.",
                               limit: SubmissionLimits.displayName),
            anonymous: submission.anonymous,
            forumOptions: forums, forumError: error("forum"),
            cost: field("cost", "cost", submission.cost, hint: "In pounds, like 450 or 1250.50."),
            paidFor: field("paid-for", "paid_for", submission.paidFor,
                           hint: "For example, ‘a support worker’s weekly visits for three months’.",
                           limit: SubmissionLimits.paidFor),
            outcomes: outcomes,
            showDeclaration: !forModerator, declaration: submission.declaration, declarationError: error("declaration"),
            submitLabel: forModerator ? "Save changes" : "Continue",
            backURL: forModerator ? "" : "/submit/")
        view.hasErrors = !errors.isEmpty
        view.hasForums = forums.count > 1
        view.roiOpen = !submission.cost.isEmpty || !submission.paidFor.isEmpty || submission.outcomes.contains { !$0.isBlank }
            || errors.contains { $0.field == "cost" || $0.field == "paid-for" || $0.field.hasPrefix("outcome-") }
        view.tagSuggestionText = view.tagSuggestions.isEmpty ? "" : " Tags already in use include: " + view.tagSuggestions.joined(separator: ", ") + "."
        return view
    }

    func article(_ label: String) -> String {
        guard let first = label.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}

/// One row of a GOV.UK summary list: "Check your answers" and the moderation page.
struct SummaryRowView: Encodable {
    var key: String
    var value: String
    var multiline: Bool
    var changeURL: String?
    var changeLabel: String
}

extension SubmissionFormBuilder {
    /// The answers as summary rows; `changeBase` is the form's address for Change links (nil: no links).
    func summaryRows(_ submission: Submission, changeBase: String?) -> [SummaryRowView] {
        guard let kind = snapshot.site.kind(submission.kind) else { return [] }
        func row(_ key: String, _ value: String, _ field: String, multiline: Bool = false) -> SummaryRowView {
            SummaryRowView(key: key, value: value.isEmpty ? "Not given" : value, multiline: multiline,
                           changeURL: changeBase.map { "\($0)#\(field)" }, changeLabel: key.lowercased())
        }
        var rows = [SummaryRowView(key: "Kind", value: kind.label, multiline: false,
                                   changeURL: changeBase == nil ? nil : "/submit/", changeLabel: "kind")]
        rows.append(row("Title", submission.title, "title"))
        for (index, heading) in kind.sections.enumerated() {
            rows.append(row(heading, index < submission.sections.count ? submission.sections[index] : "",
                            "section-\(index + 1)", multiline: true))
        }
        rows.append(row("Tags", SubmissionCheck.tagList(submission.tags).joined(separator: ", "), "tags"))
        let principleTitles = submission.principles.compactMap { snapshot.vocabulary.principles.principle($0)?.title }
        rows.append(row("Principles", principleTitles.joined(separator: "\n"), "principles", multiline: true))
        rows.append(row("Team", submission.team, "team"))
        rows.append(row("Shown as", submission.anonymous ? "Anonymous" : submission.displayName, "display-name"))
        let forum = Month(submission.forum).map { $0.longForm } ?? ""
        rows.append(row("Forum", forum.isEmpty ? "Not for a forum" : forum, "forum"))
        let outcomes = submission.outcomes.filter { !$0.isBlank }
        if !outcomes.isEmpty || !submission.cost.isEmpty {
            let lines = outcomes.map { outcome in
                "\(outcome.count) × \(snapshot.vocabulary.unitCosts.cost(outcome.code)?.label ?? outcome.code)"
            }
            rows.append(row("Cost", submission.cost.isEmpty ? "" : "£" + SubmissionDocument.plainAmount(submission.cost), "cost"))
            if !submission.paidFor.isEmpty { rows.append(row("Paid for", submission.paidFor, "paid-for")) }
            rows.append(row("Outcomes", lines.joined(separator: "\n"), "outcome-1-code", multiline: true))
        }
        return rows
    }
}
