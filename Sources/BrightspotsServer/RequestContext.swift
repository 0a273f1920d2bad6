import BrightspotsCore
import BrightspotsStore
import Hummingbird
import HummingbirdAuth
import NIOCore

/// What the daemon keeps for one browser between requests (in the store's session table, so it survives a
/// restart): the form token, a submission being written, the reference just given, and who is logged in.
public struct VisitorSession: Codable, Sendable {
    /// Must come back with every form posted from this browser (cross-site request forgery protection).
    public var csrfToken: String
    /// The submission being written, kept between the form, "Check your answers" and sending.
    public var draft: Submission?
    /// The reference of the submission just sent, for the confirmation page.
    public var sentReference: String?
    public var moderator: String?
    public var role: ModeratorRole?

    public init(csrfToken: String) { self.csrfToken = csrfToken }
}

public struct BrightspotsRequestContext: RequestContext, SessionRequestContext, RemoteAddressRequestContext {
    public typealias Session = VisitorSession
    public typealias Source = ApplicationRequestContextSource
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<VisitorSession>
    public let remoteAddress: SocketAddress?
    /// The form token of a visitor with no session (`FormTokenMiddleware`).
    let formToken: FormTokenSlot

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
        self.remoteAddress = source.channel.remoteAddress
        self.formToken = FormTokenSlot()
    }
}

extension BrightspotsRequestContext {
    /// The session. A visitor without one gets an empty session holding the form token from their cookie (or a
    /// new one), which is not stored: a first visit to a form costs no store write. `update` stores it.
    func session() -> VisitorSession {
        if let existing = sessions.session { return existing }
        if let token = formToken.token() { return VisitorSession(csrfToken: token) }
        // No form-token middleware: keep the token in a session, as the daemon once did for every visitor.
        let created = VisitorSession(csrfToken: Token.random())
        sessions.createSession(created)
        return created
    }

    /// Changes the session, creating it (with the visitor's form token) if there is none yet.
    func update(_ change: (inout VisitorSession) -> Void) {
        var session = session()
        change(&session)
        if sessions.session == nil {
            sessions.createSession(session)
        } else {
            _ = sessions.updateSession(session)
        }
    }
}
