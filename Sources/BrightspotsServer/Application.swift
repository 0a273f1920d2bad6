import Foundation
import Hummingbird
import Logging

/// How the server runs. The submission daemon issue adds its settings here.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The built site to serve (the build's output folder).
    public var siteFolder: String

    public init(host: String = "127.0.0.1", port: Int = 8080, siteFolder: String = "public") {
        self.host = host
        self.port = port
        self.siteFolder = siteFolder
    }
}

/// Builds the router: the static site with pretty URLs (`/bright-spots/x/` serves its index.html, `/x` redirects
/// to `/x/`) and the site's own 404 page for anything missing.
public func buildRouter(configuration: ServerConfiguration, logger: Logger) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: NotFoundPageMiddleware(siteFolder: configuration.siteFolder))
    router.add(middleware: FileMiddleware(configuration.siteFolder, searchForIndexHtml: true, logger: logger))
    return router
}

public func buildApplication(configuration: ServerConfiguration, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(configuration: configuration, logger: logger),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                             serverName: "Brightspots"),
        logger: logger)
}

/// Serves the built site's `404.html` with status 404 when nothing else answered.
struct NotFoundPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let siteFolder: String

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            guard response.status == .notFound else { return response }
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
