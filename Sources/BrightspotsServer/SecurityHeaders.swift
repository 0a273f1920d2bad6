import HTTPTypes
import Hummingbird

/// Headers on every response: no script or style from anywhere but the site itself and never inline, no
/// framing, no MIME sniffing, no referrer sent off the site.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if request.uri.path.hasPrefix("/submit") || request.uri.path.hasPrefix("/moderate") || request.uri.path.hasPrefix("/api") {
            // Forms hold what people typed: never keep them in a shared cache.
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
