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

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
        self.remoteAddress = source.channel.remoteAddress
    }
}

extension BrightspotsRequestContext {
    /// The session, created with a fresh form token on the first visit.
    func session() -> VisitorSession {
        if let existing = sessions.session { return existing }
        let created = VisitorSession(csrfToken: Token.random())
        sessions.createSession(created)
        return created
    }

    func update(_ change: (inout VisitorSession) -> Void) {
        var session = session()
        change(&session)
        _ = sessions.updateSession(session)
    }
}
