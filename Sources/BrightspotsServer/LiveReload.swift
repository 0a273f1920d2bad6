import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `serve --watch`: open pages reload themselves after each rebuild. Pages get one external script (no inline
/// script, so the Content-Security-Policy stands) that listens to a server-sent event stream.
public actor LiveReload {
    static let eventsPath = "/_brightspots/live"
    static let scriptPath = "/_brightspots/live.js"
    static let scriptTag = "<script src=\"\(scriptPath)\" defer></script>"
    static let script = """
        // Brightspots live preview (serve --watch): reload this page when the site has been rebuilt.
        (function () {
          if (!window.EventSource) return;
          var events = new EventSource("\(eventsPath)");
          events.addEventListener("reload", function () { window.location.reload(); });
        })();

        """

    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    /// Rebuilds announced so far.
    public private(set) var generation = 0

    public init() {}

    /// A stream of server-sent events for one page: a comment at once (so the browser knows it is connected),
    /// then `reload` after each rebuild.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(4))
        continuation.yield(": connected\nretry: 1000\n\n")
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        clients[id] = continuation
        return stream
    }

    private func remove(_ id: UUID) { clients[id] = nil }

    public var connected: Int { clients.count }

    /// Tells every open page to reload.
    public func announce() {
        generation += 1
        for client in clients.values { client.yield("event: reload\ndata: \(generation)\n\n") }
    }

    /// Ends every stream (the server is stopping).
    public func finish() {
        for client in clients.values { client.finish() }
        clients = [:]
    }

    nonisolated func add<Context: RequestContext>(to router: Router<Context>) {
        router.get(RouterPath(stringLiteral: Self.eventsPath)) { _, _ -> Response in
            let stream = await self.subscribe()
            let body = ResponseBody { writer in
                // The stream would otherwise hold the server open: on Ctrl-C or SIGTERM every stream ends, so the
                // server's graceful shutdown is not kept waiting by the pages still open.
                try await withGracefulShutdownHandler {
                    for await event in stream {
                        try await writer.write(ByteBuffer(string: event))
                    }
                } onGracefulShutdown: {
                    Task { await self.finish() }
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                            body: body)
        }
        router.get(RouterPath(stringLiteral: Self.scriptPath)) { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: Self.script)))
        }
    }
}

/// Adds the live preview script to every HTML page while watching.
struct LiveReloadScriptMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Pages larger than this are served as they are.
    let limit = 16 << 20

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method == .get, response.headers[.contentType]?.hasPrefix("text/html") == true else {
            return response
        }
        let writer = CollectingWriter()
        try await response.body.write(writer)
        var text = String(buffer: writer.collected)
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: LiveReload.scriptTag + "\n", at: end.lowerBound)
        }
        response.body = .init(byteBuffer: ByteBuffer(string: text))
        response.headers[.contentLength] = nil
        response.headers[.eTag] = nil
        response.headers[.lastModified] = nil
        return response
    }
}

/// Gathers a response body into one buffer (used within one request's task).
final class CollectingWriter: ResponseBodyWriter {
    var collected = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        collected.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
