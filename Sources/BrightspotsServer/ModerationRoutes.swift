import BrightspotsCore
import BrightspotsSite
import BrightspotsStore
import Foundation
import Hummingbird
import HummingbirdBcrypt

struct LoginFields: Decodable {
    var csrf: String?
    var username: String?
    var password: String?
}

struct ReasonFields: Decodable {
    var csrf: String?
    var reason: String?
    var findings: [String]?
}

struct LoginView: Encodable {
    var csrf: String
    var username: String
    var error: String?
}

struct QueueRowView: Encodable {
    var reference: String
    var url: String
    var title: String
    var kindLabel: String
    var submitted: String
    var findings: Int
    var findingsText: String
    var status: String
    var publishedURL: String?
}

struct QueueView: Encodable {
    var csrf: String
    var moderator: String
    var isAdmin: Bool
    var pending: [QueueRowView]
    var decided: [QueueRowView]
    var hasPending = false
    var hasDecided = false
}

struct FindingView: Encodable {
    var id: String
    var value: String
    var field: String
    var kindLabel: String
    var text: String
    var certainty: String
    var allowed: Bool
}

struct AllowanceView: Encodable {
    var text: String
    var allowedBy: String
    var reason: String
}

struct ModerationView: Encodable {
    var csrf: String
    var moderator: String
    var isAdmin: Bool
    var reference: String
    var status: String
    var isPending: Bool
    var isApproved: Bool
    var isRejected: Bool
    var title: String
    var kindLabel: String
    var submitted: String
    var decidedBy: String?
    var reason: String?
    var publishedURL: String?
    var rows: [SummaryRowView]
    var findings: [FindingView]
    var unallowedFindings: [FindingView]
    var allowances: [AllowanceView]
    var errors: [ErrorLinkView]
    var blockers: [String]
    var bodyHTML: String
    var previewURL: String
    var editURL: String
    var hasFindings = false
    var hasUnallowed = false
    var hasAllowances = false
    var hasErrors = false
    var canApprove = false
}

struct AuditRowView: Encodable {
    var at: String
    var actor: String
    var action: String
    var reference: String?
    var detail: String
}

struct AuditView: Encodable {
    var csrf: String
    var moderator: String
    var isAdmin: Bool
    var rows: [AuditRowView]
}

/// `/moderate/`: log in, read the queue, view, edit, allow findings, approve (publish) or reject.
struct ModerationRoutes {
    let daemon: Daemon

    func add(to router: Router<BrightspotsRequestContext>) {
        router.get("/moderate/login/") { _, context in await login(context: context) }
        router.post("/moderate/login/") { request, context in await logIn(request, context: context) }
        router.post("/moderate/logout/") { request, context in await logOut(request, context: context) }
        router.get("/moderate/") { request, context in
            await signedIn(request, context) { account in await queue(account, context: context) }
        }
        addTakedown(to: router)
        router.get("/moderate/audit/") { request, context in
            await signedIn(request, context, role: .admin) { account in await audit(account, context: context) }
        }
        router.get("/moderate/:reference/") { request, context in
            await signedIn(request, context) { account in await detail(account, context: context) }
        }
        router.get("/moderate/:reference/preview/") { request, context in
            await signedIn(request, context) { _ in await preview(context: context) }
        }
        router.get("/moderate/:reference/edit/") { request, context in
            await signedIn(request, context) { _ in await editForm(context: context) }
        }
        router.post("/moderate/:reference/edit/") { request, context in
            await signedIn(request, context) { account in await edit(request, account, context: context) }
        }
        router.post("/moderate/:reference/allow/") { request, context in
            await signedIn(request, context) { account in await allow(request, account, context: context) }
        }
        router.post("/moderate/:reference/approve/") { request, context in
            await signedIn(request, context) { account in await approve(request, account, context: context) }
        }
        router.post("/moderate/:reference/reject/") { request, context in
            await signedIn(request, context) { account in await reject(request, account, context: context) }
        }
    }

    /// Runs `page` for a logged-in moderator whose account still exists and has the role; otherwise sends
    /// them to log in (or refuses, for a moderator asking for an admin page).
    func signedIn(_ request: Request, _ context: BrightspotsRequestContext, role: ModeratorRole = .moderator,
                  _ page: (ModeratorAccount) async -> Response) async -> Response {
        guard let name = context.session().moderator,
              let account = try? await daemon.store.user(named: name) else {
            return redirect("/moderate/login/")
        }
        if role == .admin && account.role != .admin {
            return await daemon.message("You cannot see this page", [
                "Only administrators can read the audit log or take entries down. Ask an administrator.",
            ], link: ("/moderate/", "Back to the queue"), status: .forbidden)
        }
        return await page(account)
    }

    // MARK: Log in and out

    func login(context: BrightspotsRequestContext, username: String = "", error: String? = nil,
               status: HTTPResponse.Status = .ok) async -> Response {
        if error == nil, context.session().moderator != nil { return redirect("/moderate/") }
        return await daemon.page("moderate-login", title: (error == nil ? "" : "Error: ") + "Log in to moderate",
                                 path: "/moderate/login/", status: status,
                                 content: LoginView(csrf: context.session().csrfToken, username: username, error: error))
    }

    func logIn(_ request: Request, context: BrightspotsRequestContext) async -> Response {
        guard case .text(let body) = await daemon.bodyText(request),
              let fields = daemon.form(LoginFields.self, from: body) else { return await daemon.unreadable() }
        guard Token.matches(fields.csrf ?? "", context.session().csrfToken) else { return await daemon.forbidden() }
        let username = String((fields.username ?? "").trimmingCharacters(in: .whitespaces).prefix(80))
        let password = fields.password ?? ""
        let address = daemon.clientAddress(request, context)
        if let wait = await daemon.loginLimiter.admit("login:" + address) {
            return await login(context: context, username: username,
                               error: "Too many attempts to log in. Wait \(max(1, wait / 60)) minutes and try again",
                               status: .tooManyRequests)
        }
        guard !username.isEmpty, !password.isEmpty else {
            return await login(context: context, username: username, error: "Enter your username and password",
                               status: .unprocessableContent)
        }
        let account = try? await daemon.store.user(named: username)
        // Verify against a dummy hash when there is no such account, so timing does not reveal which names exist.
        let hash = account?.passwordHash ?? Self.dummyHash
        let verified = await Task.detached { Bcrypt.verify(password, hash: hash) }.value
        guard let account, verified else {
            try? await daemon.store.appendAudit(AuditRecord(at: Date(), actor: username.isEmpty ? "unknown" : username,
                                                            action: .loginFailed))
            return await login(context: context, username: username,
                               error: "Enter a correct username and password", status: .unprocessableContent)
        }
        // A new session (new cookie) on login, so a session fixed before login is worthless.
        var session = VisitorSession(csrfToken: Token.random())
        session.moderator = account.username
        session.role = account.role
        context.sessions.createSession(session,
                                       expiresIn: .seconds(daemon.settings.sessionMinutes * 60))
        try? await daemon.store.appendAudit(AuditRecord(at: Date(), actor: account.username, action: .loggedIn))
        return redirect("/moderate/")
    }

    static let dummyHash = Bcrypt.hash("not a password", cost: 12)

    func logOut(_ request: Request, context: BrightspotsRequestContext) async -> Response {
        guard case .text(let body) = await daemon.bodyText(request),
              let fields = daemon.form(ReasonFields.self, from: body) else { return await daemon.unreadable() }
        guard Token.matches(fields.csrf ?? "", context.session().csrfToken) else { return await daemon.forbidden() }
        if let name = context.session().moderator {
            try? await daemon.store.appendAudit(AuditRecord(at: Date(), actor: name, action: .loggedOut))
        }
        context.sessions.clearSession()
        return redirect("/moderate/login/")
    }

    // MARK: Queue and detail

    func queue(_ account: ModeratorAccount, context: BrightspotsRequestContext) async -> Response {
        let snapshot = daemon.publisher.snapshot
        let all = (try? await daemon.store.submissions(status: nil)) ?? []
        func row(_ stored: StoredSubmission) -> QueueRowView {
            let findings = ModerationFindings.findings(stored).filter { !$0.allowed }.count
            return QueueRowView(reference: stored.reference, url: "/moderate/\(stored.reference)/",
                                title: stored.displayTitle,
                                kindLabel: snapshot.site.kind(stored.submission.kind)?.label ?? stored.submission.kind,
                                submitted: ModerationFindings.timeText(stored.submittedAt), findings: findings,
                                findingsText: findings == 0 ? "None" : findings == 1 ? "1 to review" : "\(findings) to review",
                                status: stored.status.rawValue.capitalized, publishedURL: stored.publishedPath)
        }
        let pending = all.filter { $0.status == .pending }.map(row)
        let decided = all.filter { $0.status != .pending }
            .sorted { ($0.decidedAt ?? $0.submittedAt) > ($1.decidedAt ?? $1.submittedAt) }.prefix(20).map(row)
        var view = QueueView(csrf: context.session().csrfToken, moderator: account.username,
                             isAdmin: account.role == .admin, pending: pending, decided: Array(decided))
        view.hasPending = !pending.isEmpty
        view.hasDecided = !view.decided.isEmpty
        return await daemon.page("moderate-queue", title: "Moderation queue", path: "/moderate/", content: view)
    }

    func stored(_ context: BrightspotsRequestContext) async -> StoredSubmission? {
        guard let reference = context.parameters.get("reference").flatMap(Token.normalisedReference) else { return nil }
        return try? await daemon.store.submission(reference: reference)
    }

    func notFound() async -> Response {
        await daemon.message("No submission has this reference", ["Check the reference and try again."],
                             link: ("/moderate/", "Back to the queue"), status: .notFound)
    }

    func detail(_ account: ModeratorAccount, context: BrightspotsRequestContext, errors: [ErrorLinkView] = [],
                status: HTTPResponse.Status = .ok) async -> Response {
        guard let stored = await stored(context) else { return await notFound() }
        let snapshot = daemon.publisher.snapshot
        let builder = SubmissionFormBuilder(snapshot: snapshot)
        let findings = ModerationFindings.findings(stored)
        let problems = SubmissionCheck.errors(stored.submission, vocabulary: snapshot.vocabulary,
                                              forumMonths: snapshot.editions.map(\.month), allowances: stored.allowances)
            .filter { $0.field != "declaration" }
        var blockers = problems.map(\.message)
        if stored.status != .pending { blockers.append("It has already been \(stored.status.rawValue).") }
        let markdown = SubmissionDocument.markdown(stored.submission, vocabulary: snapshot.vocabulary, date: Day.today())
        var view = ModerationView(
            csrf: context.session().csrfToken, moderator: account.username, isAdmin: account.role == .admin,
            reference: stored.reference, status: stored.status.rawValue.capitalized,
            isPending: stored.status == .pending, isApproved: stored.status == .approved,
            isRejected: stored.status == .rejected, title: stored.displayTitle,
            kindLabel: snapshot.site.kind(stored.submission.kind)?.label ?? stored.submission.kind,
            submitted: ModerationFindings.timeText(stored.submittedAt), decidedBy: stored.decidedBy,
            reason: stored.reason, publishedURL: stored.publishedPath,
            rows: builder.summaryRows(stored.submission, changeBase: nil),
            findings: findings, unallowedFindings: findings.filter { !$0.allowed },
            allowances: stored.allowances.map { AllowanceView(text: $0.text, allowedBy: $0.allowedBy, reason: $0.reason) },
            errors: errors, blockers: blockers,
            bodyHTML: snapshot.bodyHTML(markdown: (try? FrontMatter.split(markdown, file: "").get())?.body ?? ""),
            previewURL: "/moderate/\(stored.reference)/preview/", editURL: "/moderate/\(stored.reference)/edit/")
        view.hasFindings = !view.findings.isEmpty
        view.hasUnallowed = !view.unallowedFindings.isEmpty
        view.hasAllowances = !view.allowances.isEmpty
        view.hasErrors = !errors.isEmpty
        view.canApprove = blockers.isEmpty
        return await daemon.page("moderate-submission", title: (errors.isEmpty ? "" : "Error: ") + "Submission \(stored.reference)",
                                 path: "/moderate/\(stored.reference)/", status: status, content: view)
    }

    func preview(context: BrightspotsRequestContext) async -> Response {
        guard let stored = await stored(context) else { return await notFound() }
        let snapshot = daemon.publisher.snapshot
        return await SubmitRoutes(daemon: daemon).entryPreview(
            stored.submission, snapshot: snapshot, backURL: "/moderate/\(stored.reference)/", backLabel: "Back to the submission")
    }

    // MARK: Edit

    func editForm(context: BrightspotsRequestContext) async -> Response {
        guard let stored = await stored(context) else { return await notFound() }
        return await renderEdit(stored, submission: stored.submission, errors: [], context: context)
    }

    func renderEdit(_ stored: StoredSubmission, submission: Submission, errors: [FieldError],
                    context: BrightspotsRequestContext, status: HTTPResponse.Status = .ok) async -> Response {
        let snapshot = daemon.publisher.snapshot
        let view = SubmissionFormBuilder(snapshot: snapshot).view(
            submission, errors: errors, action: "/moderate/\(stored.reference)/edit/",
            csrf: context.session().csrfToken, forModerator: true)
        var edited = view
        edited.backURL = "/moderate/\(stored.reference)/"
        return await daemon.page("submit-form", title: (errors.isEmpty ? "" : "Error: ") + view.heading,
                                 path: "/moderate/\(stored.reference)/edit/", status: status, content: edited)
    }

    func edit(_ request: Request, _ account: ModeratorAccount, context: BrightspotsRequestContext) async -> Response {
        guard var stored = await stored(context) else { return await notFound() }
        let fields: SubmissionFormFields
        switch await daemon.bodyText(request) {
        case .tooLarge: return await daemon.tooLarge()
        case .unreadable: return await daemon.unreadable()
        case .text(let body):
            guard let decoded = daemon.form(SubmissionFormFields.self, from: body) else { return await daemon.unreadable() }
            fields = decoded
        }
        guard Token.matches(fields.csrf ?? "", context.session().csrfToken) else { return await daemon.forbidden() }
        var submission = fields.submission(kind: stored.submission.kind)
        submission.declaration = stored.submission.declaration  // the submitter's attestation stands
        let snapshot = daemon.publisher.snapshot
        let errors = SubmissionCheck.errors(submission, vocabulary: snapshot.vocabulary,
                                            forumMonths: snapshot.editions.map(\.month), allowances: stored.allowances)
        guard errors.isEmpty else {
            return await renderEdit(stored, submission: submission, errors: errors, context: context, status: .unprocessableContent)
        }
        guard stored.status == .pending else { return redirect("/moderate/\(stored.reference)/") }
        stored.submission = submission
        do {
            try await daemon.store.update(stored, expected: .pending, audit: [
                AuditRecord(at: Date(), actor: account.username, action: .edited, reference: stored.reference)])
        } catch {
            return await detail(account, context: context, errors: [ErrorLinkView(href: "#actions", message: "\(error)")],
                                status: .conflict)
        }
        return redirect("/moderate/\(stored.reference)/")
    }

    // MARK: Allow, approve, reject

    func allow(_ request: Request, _ account: ModeratorAccount, context: BrightspotsRequestContext) async -> Response {
        guard var stored = await stored(context) else { return await notFound() }
        guard case .text(let body) = await daemon.bodyText(request),
              let fields = daemon.form(ReasonFields.self, from: body) else { return await daemon.unreadable() }
        guard Token.matches(fields.csrf ?? "", context.session().csrfToken) else { return await daemon.forbidden() }
        let chosen = Set(fields.findings ?? [])
        let reason = (fields.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [ErrorLinkView] = []
        if chosen.isEmpty { errors.append(ErrorLinkView(href: "#findings", message: "Select the findings that are not identifiers")) }
        if reason.isEmpty { errors.append(ErrorLinkView(href: "#allow-reason", message: "Enter why these are not identifiers of a person who uses services")) }
        else if reason.count > 500 { errors.append(ErrorLinkView(href: "#allow-reason", message: "The reason must be 500 characters or fewer")) }
        guard errors.isEmpty else {
            return await detail(account, context: context, errors: errors, status: .unprocessableContent)
        }
        let findings = ModerationFindings.findings(stored).filter { !$0.allowed && chosen.contains($0.value) }
        var audit: [AuditRecord] = []
        for finding in findings where !stored.allowances.contains(where: { $0.text == finding.text }) {
            stored.allowances.append(PrivacyAllowance(text: finding.text, allowedBy: account.username, reason: reason))
            audit.append(AuditRecord(at: Date(), actor: account.username, action: .allowedFinding,
                                     reference: stored.reference, detail: "\(finding.kindLabel) in \(finding.field)"))
        }
        do {
            try await daemon.store.update(stored, expected: .pending, audit: audit)
        } catch {
            return await detail(account, context: context, errors: [ErrorLinkView(href: "#actions", message: "\(error)")],
                                status: .conflict)
        }
        return redirect("/moderate/\(stored.reference)/")
    }

    func approve(_ request: Request, _ account: ModeratorAccount, context: BrightspotsRequestContext) async -> Response {
        guard let stored = await stored(context) else { return await notFound() }
        guard case .text(let body) = await daemon.bodyText(request),
              let fields = daemon.form(ReasonFields.self, from: body) else { return await daemon.unreadable() }
        guard Token.matches(fields.csrf ?? "", context.session().csrfToken) else { return await daemon.forbidden() }
        do {
            _ = try await daemon.publisher.approve(reference: stored.reference, by: account.username, store: daemon.store)
        } catch {
            try? await daemon.store.appendAudit(AuditRecord(at: Date(), actor: account.username, action: .publishFailed,
                                                            reference: stored.reference))
            return await detail(account, context: context, errors: [ErrorLinkView(href: "#actions",
                message: "The reflection was not published: \(error)")], status: .conflict)
        }
        return redirect("/moderate/\(stored.reference)/")
    }

    func reject(_ request: Request, _ account: ModeratorAccount, context: BrightspotsRequestContext) async -> Response {
        guard var stored = await stored(context) else { return await notFound() }
        guard case .text(let body) = await daemon.bodyText(request),
              let fields = daemon.form(ReasonFields.self, from: body) else { return await daemon.unreadable() }
        guard Token.matches(fields.csrf ?? "", context.session().csrfToken) else { return await daemon.forbidden() }
        let reason = (fields.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 2000 else {
            return await detail(account, context: context, errors: [ErrorLinkView(href: "#reject-reason", message:
                reason.isEmpty ? "Enter why you are rejecting this submission" : "The reason must be 2,000 characters or fewer")],
                status: .unprocessableContent)
        }
        stored.status = .rejected
        stored.reason = reason
        stored.decidedAt = Date()
        stored.decidedBy = account.username
        do {
            try await daemon.store.update(stored, expected: .pending, audit: [
                AuditRecord(at: stored.decidedAt!, actor: account.username, action: .rejected, reference: stored.reference)])
        } catch {
            return await detail(account, context: context, errors: [ErrorLinkView(href: "#actions", message: "\(error)")],
                                status: .conflict)
        }
        return redirect("/moderate/")
    }

    // MARK: Audit

    func audit(_ account: ModeratorAccount, context: BrightspotsRequestContext) async -> Response {
        let records = ((try? await daemon.store.audit(since: nil)) ?? []).suffix(500).reversed()
        let rows = records.map { AuditRowView(at: ModerationFindings.timeText($0.at), actor: $0.actor,
                                              action: $0.action.rawValue, reference: $0.reference, detail: $0.detail) }
        return await daemon.page("moderate-audit", title: "Audit log", path: "/moderate/audit/",
                                 content: AuditView(csrf: context.session().csrfToken, moderator: account.username,
                                                    isAdmin: true, rows: rows))
    }
}

/// Privacy findings over each text field of a submission, with whether a moderator allowed them.
enum ModerationFindings {
    static func findings(_ stored: StoredSubmission) -> [FindingView] {
        var views: [FindingView] = []
        for (name, text) in stored.submission.textFields {
            for finding in PrivacyGuard.scan(text) {
                let allowed = PrivacyGuard.unallowed([finding], allowances: stored.allowances).isEmpty
                views.append(FindingView(id: "finding-\(views.count + 1)", value: finding.text, field: name,
                                         kindLabel: finding.kind.label, text: finding.text,
                                         certainty: finding.certainty.rawValue, allowed: allowed))
            }
        }
        return views
    }

    static func timeText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "d MMMM yyyy, HH:mm"
        return formatter.string(from: date)
    }
}

// MARK: - Takedown

struct TakedownFields: Decodable {
    var csrf: String?
    var entry: String?
    var reason: String?
    var purge: String?
}

struct TakedownView: Encodable {
    var csrf: String
    var moderator: String
    var isAdmin = true
    var retentionDays: Int
    var entry = ""
    var reason = ""
    var purge = false
    var entryError: String?
    var reasonError: String?
    var errors: [ErrorLinkView] = []
    var hasErrors = false
    var done = false
    var file = ""
    var doneLines: [String] = []
    var mentions: [String] = []
    var hasMentions = false
}

extension ModerationRoutes {
    func addTakedown(to router: Router<BrightspotsRequestContext>) {
        router.get("/moderate/takedown/") { request, context in
            await signedIn(request, context, role: .admin) { account in
                await takedownPage(TakedownView(csrf: context.session().csrfToken, moderator: account.username,
                                                retentionDays: daemon.settings.retentionDays))
            }
        }
        router.post("/moderate/takedown/") { request, context in
            await signedIn(request, context, role: .admin) { account in await takeDown(request, account, context: context) }
        }
    }

    func takedownPage(_ view: TakedownView, status: HTTPResponse.Status = .ok) async -> Response {
        await daemon.page("moderate-takedown", title: (view.hasErrors ? "Error: " : "") + (view.done ? "Taken down" : "Take down a published entry"),
                          path: "/moderate/takedown/", status: status, content: view)
    }

    func takeDown(_ request: Request, _ account: ModeratorAccount, context: BrightspotsRequestContext) async -> Response {
        guard case .text(let body) = await daemon.bodyText(request),
              let fields = daemon.form(TakedownFields.self, from: body) else { return await daemon.unreadable() }
        guard Token.matches(fields.csrf ?? "", context.session().csrfToken) else { return await daemon.forbidden() }
        var view = TakedownView(csrf: context.session().csrfToken, moderator: account.username,
                                retentionDays: daemon.settings.retentionDays)
        view.entry = String((fields.entry ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(300))
        view.reason = (fields.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        view.purge = fields.purge == "yes"
        if view.entry.isEmpty { view.entryError = "Enter the entry’s address or slug" }
        if view.reason.isEmpty { view.reasonError = "Enter why you are taking it down" }
        if view.reason.count > 2000 { view.reasonError = "The reason must be 2,000 characters or fewer" }
        func refuse(_ status: HTTPResponse.Status) async -> Response {
            view.errors = [view.entryError.map { ErrorLinkView(href: "#entry", message: $0) },
                           view.reasonError.map { ErrorLinkView(href: "#reason", message: $0) }].compactMap { $0 }
            view.hasErrors = true
            return await takedownPage(view, status: status)
        }
        if view.entryError != nil || view.reasonError != nil { return await refuse(.unprocessableContent) }
        do {
            let report = try await daemon.publisher.takeDown(view.entry, reason: view.reason, by: account.username,
                                                             purge: view.purge, retention: daemon.settings.retention,
                                                             store: daemon.store)
            view.done = true
            view.file = report.file
            view.doneLines = [
                report.trashID != nil
                    ? "Its text is in the trash until \(ModerationFindings.timeText(report.keptUntil!)), then deleted."
                    : "Its text was deleted at once.",
                "The site was rebuilt from nothing: \(report.build.files) files.",
                report.mentions.isEmpty
                    ? "Checked \(report.checked) files of the site and the build cache: none mentions it."
                    : "Checked \(report.checked) files: \(report.mentions.count) still mention it (below).",
            ]
            view.mentions = report.mentions.map { "\($0.file): \($0.found.joined(separator: ", "))" }
            view.hasMentions = !view.mentions.isEmpty
            return await takedownPage(view)
        } catch let error as TakedownError {
            switch error {
            case .notFound, .linkedFrom: view.entryError = error.description.prefix(1).uppercased() + error.description.dropFirst()
            default: view.entryError = "The entry was not taken down: \(error)"
            }
            return await refuse(.unprocessableContent)
        } catch {
            view.entryError = "The entry was not taken down: \(error)"
            return await refuse(.internalServerError)
        }
    }
}

extension StoredSubmission {
    /// The title, or what became of it once the retention purge removed the text.
    var displayTitle: String {
        guard let purgedAt else { return submission.title }
        return "(text deleted on \(ModerationFindings.timeText(purgedAt)) under the retention policy)"
    }
}
