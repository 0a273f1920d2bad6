import BrightspotsStore
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import ServiceLifecycle

/// The daemon's routes: the built site with pretty URLs and its own 404 page, the submission forms
/// (`/submit/`), moderation (`/moderate/`) and the JSON API (`/api/submissions`).
public func buildRouter(daemon: Daemon, sessions: any PersistDriver, siteFolder: String,
                        logger: Logger) -> Router<BrightspotsRequestContext> {
    let router = Router(context: BrightspotsRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    if let liveReload = daemon.liveReload {
        router.add(middleware: LiveReloadScriptMiddleware())
        liveReload.add(to: router)
    }
    router.add(middleware: NotFoundPageMiddleware(siteFolder: siteFolder))
    router.add(middleware: FileMiddleware(siteFolder, searchForIndexHtml: true, logger: logger))
    router.add(middleware: SessionMiddleware(storage: sessions, configuration: .init(
        sessionCookieParameters: .init(name: "brightspots_session", path: "/", secure: daemon.settings.secureCookies,
                                       sameSite: .lax),
        keyPrefix: "session.",
        defaultSessionExpiration: .seconds(daemon.settings.sessionMinutes * 60))))
    router.add(middleware: FormTokenMiddleware(signer: daemon.formTokens, secureCookies: daemon.settings.secureCookies))
    SubmitRoutes(daemon: daemon).add(to: router)
    ModerationRoutes(daemon: daemon).add(to: router)
    APIRoutes(daemon: daemon).add(to: router)
    return router
}

/// The daemon as a service: stops on SIGTERM or SIGINT after finishing the requests in flight. `services` run
/// beside it (the file watcher of `serve --watch`).
public func buildApplication(daemon: Daemon, sessions: any PersistDriver, siteFolder: String,
                             logger: Logger, services: [any Service] = []) -> some ApplicationProtocol {
    Application(
        router: buildRouter(daemon: daemon, sessions: sessions, siteFolder: siteFolder, logger: logger),
        configuration: .init(address: .hostname(daemon.settings.host, port: daemon.settings.port),
                             serverName: "Brightspots"),
        services: [sessions] + services,
        logger: logger)
}

/// Serves the built site's `404.html` with status 404 when nothing else answered.
struct NotFoundPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let siteFolder: String

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            // A route's own 404 (with its own page or JSON) stands.
            guard response.status == .notFound, response.headers[.contentType] == nil else { return response }
            return notFoundPage() ?? response
        } catch let error as HTTPError where error.status == .notFound {
            if let page = notFoundPage() { return page }
            throw error
        }
    }

    private func notFoundPage() -> Response? {
        guard let data = FileManager.default.contents(atPath: siteFolder + "/404.html") else { return nil }
        return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
