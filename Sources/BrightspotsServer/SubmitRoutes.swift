import BrightspotsCore
import BrightspotsSite
import BrightspotsStore
import Foundation
import Hummingbird

/// The fields the submission form posts. Everything is optional so a missing field is a field error on the
/// page, not a failed request.
struct SubmissionFormFields: Decodable {
    var csrf: String?
    /// The honeypot: hidden from people, filled in by form-filling robots.
    var website: String?
    var title: String?
    var sections: [String]?
    var tags: String?
    var principles: [String]?
    var team: String?
    var displayName: String?
    var anonymous: String?
    var forum: String?
    var cost: String?
    var paidFor: String?
    var outcomeCodes: [String]?
    var outcomeCounts: [String]?
    var declaration: String?

    enum CodingKeys: String, CodingKey {
        case csrf, website, title, sections, tags, principles, team, anonymous, forum, cost, declaration
        case displayName = "display_name"
        case paidFor = "paid_for"
        case outcomeCodes = "outcome_codes"
        case outcomeCounts = "outcome_counts"
    }

    func submission(kind: String) -> Submission {
        let codes = outcomeCodes ?? []
        let counts = outcomeCounts ?? []
        let rows = (0..<max(codes.count, counts.count)).prefix(SubmissionLimits.outcomeRows).map { index in
            SubmittedOutcome(code: index < codes.count ? codes[index] : "", count: index < counts.count ? counts[index] : "")
        }
        return Submission(kind: kind, title: title ?? "", sections: sections ?? [], tags: tags ?? "",
                          principles: principles ?? [], team: team ?? "", displayName: displayName ?? "",
                          anonymous: anonymous == "yes", forum: forum ?? "", cost: cost ?? "", paidFor: paidFor ?? "",
                          outcomes: rows, declaration: declaration == "yes")
    }
}

struct KindChoiceFields: Decodable {
    var csrf: String?
    var kind: String?
}

struct SendFields: Decodable {
    var csrf: String?
    var website: String?
}

struct KindChoiceView: Encodable {
    var csrf: String
    var error: String?
    var options: [KindOptionView]
}

struct KindOptionView: Encodable {
    var id: String
    var value: String
    var label: String
    var hint: String
    var checked: Bool
}

struct CheckAnswersView: Encodable {
    var csrf: String
    var backURL: String
    var kindLabel: String
    var title: String
    var rows: [SummaryRowView]
    var bodyHTML: String
    var previewURL: String
    var error: String?
}

struct SentView: Encodable {
    var reference: String
    var statusURL: String
}

/// `/submit/`: choose a kind, fill in its form, check your answers, send, and get a reference.
struct SubmitRoutes {
    let daemon: Daemon

    func add(to router: Router<BrightspotsRequestContext>) {
        router.get("/submit/") { _, context in await chooseKind(context: context) }
        router.post("/submit/") { request, context in await choseKind(request, context: context) }
        router.get("/submit/check/") { _, context in await checkAnswers(context: context) }
        router.post("/submit/check/") { request, context in await send(request, context: context) }
        router.get("/submit/preview/") { _, context in await preview(context: context) }
        router.get("/submit/sent/") { _, context in await sent(context: context) }
        router.get("/submit/:kind/") { _, context in await form(context: context) }
        router.post("/submit/:kind/") { request, context in await submitForm(request, context: context) }
    }

    // MARK: Kind

    func chooseKind(context: BrightspotsRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok) async -> Response {
        let session = context.session()
        let snapshot = daemon.publisher.snapshot
        if error == nil, session.draft == nil {
            // Nothing chosen yet: the same page for everyone but the token.
            let page = snapshot.remembered("submit-kind") {
                TokenSlotPage { token in kindPage(csrf: token, chosen: nil, error: nil, snapshot: snapshot) }
            }
            if let bytes = page.page(token: session.csrfToken) { return html(bytes, status: status) }
        }
        return html(kindPage(csrf: session.csrfToken, chosen: session.draft?.kind, error: error, snapshot: snapshot),
                    status: status)
    }

    func kindPage(csrf: String, chosen: String?, error: String?, snapshot: SiteSnapshot) -> String {
        let options = snapshot.site.kinds.map { kind in
            KindOptionView(id: "kind-\(kind.id)", value: kind.id, label: kind.label, hint: kind.description,
                           checked: chosen == kind.id)
        }
        var view = KindChoiceView(csrf: csrf, error: error, options: options)
        if !view.options.isEmpty {
            view.options[0].id = "kind"  // the error summary links to the first radio
        }
        return snapshot.render("submit-kind", title: (error == nil ? "" : "Error: ") + "What would you like to send?",
                               path: "/submit/", content: view)
    }

    func choseKind(_ request: Request, context: BrightspotsRequestContext) async -> Response {
        guard case .text(let body) = await daemon.bodyText(request),
              let fields = daemon.form(KindChoiceFields.self, from: body) else { return await daemon.unreadable() }
        guard Token.matches(fields.csrf ?? "", context.session().csrfToken) else { return await daemon.forbidden() }
        let snapshot = daemon.publisher.snapshot
        guard let kind = fields.kind, snapshot.site.kind(kind) != nil else {
            return await chooseKind(context: context, error: "Select what kind of reflection you are sending",
                                    status: .unprocessableContent)
        }
        context.update { session in
            if var draft = session.draft {
                if draft.kind != kind { draft.sections = [] }  // sections differ between kinds
                draft.kind = kind
                session.draft = draft
            } else {
                session.draft = Submission(kind: kind)
            }
        }
        return redirect("/submit/\(kind)/")
    }

    // MARK: Form

    func form(context: BrightspotsRequestContext) async -> Response {
        let snapshot = daemon.publisher.snapshot
        guard let kind = context.parameters.get("kind"), snapshot.site.kind(kind) != nil else {
            return redirect("/submit/")
        }
        let session = context.session()
        if let draft = session.draft, draft.kind == kind, draft != Submission(kind: kind) {
            return await renderForm(draft, errors: [], csrf: session.csrfToken, snapshot: snapshot)
        }
        // Nothing typed yet (or only the kind chosen): the blank form is the same for everyone but the token.
        let page = snapshot.remembered("submit-form \(kind)") {
            TokenSlotPage { token in formPage(Submission(kind: kind), errors: [], csrf: token, snapshot: snapshot) }
        }
        if let bytes = page.page(token: session.csrfToken) { return html(bytes) }
        return await renderForm(Submission(kind: kind), errors: [], csrf: session.csrfToken, snapshot: snapshot)
    }

    func renderForm(_ submission: Submission, errors: [FieldError], csrf: String, snapshot: SiteSnapshot,
                    status: HTTPResponse.Status = .ok) async -> Response {
        html(formPage(submission, errors: errors, csrf: csrf, snapshot: snapshot), status: status)
    }

    func formPage(_ submission: Submission, errors: [FieldError], csrf: String, snapshot: SiteSnapshot) -> String {
        let view = SubmissionFormBuilder(snapshot: snapshot)
            .view(submission, errors: errors, action: "/submit/\(submission.kind)/", csrf: csrf)
        return snapshot.render("submit-form", title: (errors.isEmpty ? "" : "Error: ") + view.heading,
                               path: "/submit/\(submission.kind)/", content: view)
    }

    func submitForm(_ request: Request, context: BrightspotsRequestContext) async -> Response {
        let snapshot = daemon.publisher.snapshot
        guard let kind = context.parameters.get("kind"), snapshot.site.kind(kind) != nil else {
            return redirect("/submit/")
        }
        let fields: SubmissionFormFields
        switch await daemon.bodyText(request) {
        case .tooLarge: return await daemon.tooLarge()
        case .unreadable: return await daemon.unreadable()
        case .text(let body):
            guard let decoded = daemon.form(SubmissionFormFields.self, from: body) else { return await daemon.unreadable() }
            fields = decoded
        }
        if !(fields.website ?? "").isEmpty { return await refusedAsAutomated() }
        let submission = fields.submission(kind: kind)
        let session = context.session()
        guard Token.matches(fields.csrf ?? "", session.csrfToken) else {
            // An expired or missing session: show the form again with everything typed, and a fresh token.
            let fresh = context.session()
            return await renderForm(submission, errors: [FieldError(field: "send",
                message: "Your session had expired, so nothing was sent. Check your answers and continue again")],
                csrf: fresh.csrfToken, snapshot: snapshot, status: .forbidden)
        }
        let errors = SubmissionCheck.errors(submission, vocabulary: snapshot.vocabulary,
                                            forumMonths: snapshot.upcomingEditions.map(\.month))
        context.update { $0.draft = submission }
        guard errors.isEmpty else {
            return await renderForm(submission, errors: errors, csrf: session.csrfToken, snapshot: snapshot,
                                    status: .unprocessableContent)
        }
        return redirect("/submit/check/")
    }

    func refusedAsAutomated() async -> Response {
        await daemon.message("Your reflection could not be sent", [
            "The form was filled in in a way that looks automated, so it was not accepted.",
            "If you are a person, go back to the start and fill the form in again.",
        ], link: ("/submit/", "Start again"), status: .unprocessableContent)
    }

    // MARK: Check, preview, send

    func checkAnswers(context: BrightspotsRequestContext, error: String? = nil) async -> Response {
        let session = context.session()
        guard let draft = session.draft, !draft.title.isEmpty else { return redirect("/submit/") }
        let snapshot = daemon.publisher.snapshot
        guard let kind = snapshot.site.kind(draft.kind) else { return redirect("/submit/") }
        let builder = SubmissionFormBuilder(snapshot: snapshot)
        let body = SubmissionDocument.markdown(draft, vocabulary: snapshot.vocabulary, date: Day.today())
        let bodyHTML = snapshot.bodyHTML(markdown: (try? FrontMatter.split(body, file: "").get())?.body ?? "")
        let view = CheckAnswersView(csrf: session.csrfToken, backURL: "/submit/\(draft.kind)/", kindLabel: kind.label, title: draft.title,
                                    rows: builder.summaryRows(draft, changeBase: "/submit/\(draft.kind)/"),
                                    bodyHTML: bodyHTML, previewURL: "/submit/preview/", error: error)
        return await daemon.page("submit-check", title: (error == nil ? "" : "Error: ") + "Check your answers before sending",
                                 path: "/submit/check/", status: error == nil ? .ok : .unprocessableContent, content: view)
    }

    func preview(context: BrightspotsRequestContext) async -> Response {
        guard let draft = context.session().draft, !draft.title.isEmpty else { return redirect("/submit/") }
        let snapshot = daemon.publisher.snapshot
        return await entryPreview(draft, snapshot: snapshot, backURL: "/submit/check/", backLabel: "Back to check your answers")
    }

    func entryPreview(_ submission: Submission, snapshot: SiteSnapshot, backURL: String, backLabel: String) async -> Response {
        let slug = snapshot.freeSlug(for: submission.title)
        let today = Day.today()
        let file = "Content/\(submission.kind)/\(today.year)/\(slug).md"
        let markdown = SubmissionDocument.markdown(submission, vocabulary: snapshot.vocabulary, date: today)
        switch snapshot.entryPage(markdown: markdown, file: file) {
        case .success(let page):
            return html(PreviewBanner.insert(into: page.html, backURL: backURL, backLabel: backLabel))
        case .failure:
            return redirect(backURL)
        }
    }

    func send(_ request: Request, context: BrightspotsRequestContext) async -> Response {
        guard case .text(let body) = await daemon.bodyText(request),
              let fields = daemon.form(SendFields.self, from: body) else { return await daemon.unreadable() }
        let session = context.session()
        guard Token.matches(fields.csrf ?? "", session.csrfToken) else { return await daemon.forbidden() }
        if !(fields.website ?? "").isEmpty { return await refusedAsAutomated() }
        guard let draft = session.draft else { return redirect("/submit/") }
        let snapshot = daemon.publisher.snapshot
        let errors = SubmissionCheck.errors(draft, vocabulary: snapshot.vocabulary,
                                            forumMonths: snapshot.upcomingEditions.map(\.month))
        guard errors.isEmpty else {
            return await renderForm(draft, errors: errors, csrf: session.csrfToken, snapshot: snapshot,
                                    status: .unprocessableContent)
        }
        if let wait = await daemon.submissionLimiter.admit(daemon.clientAddress(request, context)) {
            return await daemon.tooMany(retryAfter: wait)
        }
        let reference: String
        do {
            reference = try await daemon.accept(draft)
        } catch {
            context.logger.error("could not store a submission: \(error)")
            return await checkAnswers(context: context, error:
                "Your reflection could not be saved just now, so it has not been sent. Nothing you typed is lost: try sending it again in a minute")
        }
        context.update { session in
            session.draft = nil
            session.sentReference = reference
        }
        return redirect("/submit/sent/")
    }

    func sent(context: BrightspotsRequestContext) async -> Response {
        guard let reference = context.session().sentReference else { return redirect("/submit/") }
        return await daemon.page("submit-sent", title: "Reflection sent", path: "/submit/sent/",
                                 content: SentView(reference: reference, statusURL: "/api/submissions/\(reference)"))
    }
}

extension Daemon {
    /// Stores a checked submission as pending with its audit record; returns its reference once committed.
    func accept(_ submission: Submission) async throws -> String {
        for _ in 0..<5 {
            let reference = Token.reference()
            let stored = StoredSubmission(reference: reference, submission: submission, submittedAt: Date())
            do {
                try await store.add(stored, audit: AuditRecord(at: stored.submittedAt, actor: "submitter",
                                                                action: .submitted, reference: reference,
                                                                detail: submission.kind))
                return reference
            } catch StoreError.duplicateReference {
                continue  // 1 in 2^60: draw again
            }
        }
        throw StoreError.duplicateReference("five draws")
    }
}

/// Marks a full-page preview as a preview, inside the page's main landmark.
enum PreviewBanner {
    static func insert(into page: String, backURL: String, backLabel: String) -> String {
        let banner = """
            <div class="preview-banner" role="note"><p><strong>Preview:</strong> this is how the page will look once a \
            moderator publishes it. It is not published yet.</p><p><a href="\(backURL)">\(backLabel)</a></p></div>
            """
        guard let main = page.range(of: "<main"), let close = page[main.upperBound...].firstIndex(of: ">") else { return page }
        var result = page
        result.insert(contentsOf: "\n" + banner, at: result.index(after: close))
        return result
    }
}
