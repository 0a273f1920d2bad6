import BrightspotsCore
import BrightspotsSite
import BrightspotsStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// What every route needs: settings, the store, the publisher (which holds the site), and the rate limits.
public struct Daemon: Sendable {
    public let settings: ServerSettings
    public let store: any SubmissionStore
    public let publisher: Publisher
    /// Set by `serve --watch`: pages reload after each rebuild.
    public let liveReload: LiveReload?
    /// Signs the form tokens of visitors who have no session yet.
    public let formTokens: FormTokenSigner
    let submissionLimiter: RateLimiter
    let loginLimiter: RateLimiter

    /// `formTokenKey`: the key kept in the store (`SQLiteStore.secretKey`); without one, a random key, so form
    /// tokens given before a restart are refused after it.
    public init(settings: ServerSettings, store: any SubmissionStore, publisher: Publisher,
                liveReload: LiveReload? = nil, formTokenKey: [UInt8]? = nil) {
        self.settings = settings
        self.store = store
        self.publisher = publisher
        self.liveReload = liveReload
        var generator = SystemRandomNumberGenerator()
        formTokens = FormTokenSigner(key: formTokenKey ?? (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) },
                                     lifetime: settings.sessionMinutes * 60)
        submissionLimiter = RateLimiter(limit: settings.submissionsPerWindow, window: TimeInterval(settings.rateWindowSeconds))
        loginLimiter = RateLimiter(limit: 10, window: 600)
    }

    /// The client's address for rate limits: the proxy's X-Forwarded-For when configured to trust it.
    func clientAddress(_ request: Request, _ context: BrightspotsRequestContext) -> String {
        if settings.trustProxy, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
           let first = forwarded.split(separator: ",").first {
            return first.trimmingCharacters(in: .whitespaces)
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The request body as text, or why it cannot be read: too large, or not UTF-8.
    func bodyText(_ request: Request) async -> BodyRead {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: settings.bodyLimit)
            guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else { return .unreadable }
            return .text(text)
        } catch {
            return .tooLarge
        }
    }

    enum BodyRead {
        case text(String)
        case tooLarge
        case unreadable
    }

    /// Decodes a URL-encoded form body; nil when the body cannot be read as one.
    func form<Fields: Decodable>(_ type: Fields.Type, from text: String) -> Fields? {
        // The decoder turns percent-encoded bytes that are not UTF-8 (%FF) into U+FFFD; refuse them instead.
        guard text.removingPercentEncoding != nil else { return nil }
        return try? URLEncodedFormDecoder().decode(Fields.self, from: text)
    }

    // MARK: Pages

    func page(_ template: String, title: String, path: String, status: HTTPResponse.Status = .ok,
              content: some Encodable) async -> Response {
        html(publisher.snapshot.render(template, title: title, path: path, content: content), status: status)
    }

    /// A page with a heading, a message and a link onward: for refusals (400, 403, 413, 429) and notices.
    func message(_ heading: String, _ paragraphs: [String], link: (url: String, label: String)? = nil,
                 status: HTTPResponse.Status, headers: HTTPFields = [:]) async -> Response {
        var response = await page("message", title: heading, path: "/", status: status,
                                  content: MessageView(heading: heading, paragraphs: paragraphs,
                                                       linkURL: link?.url, linkLabel: link?.label))
        for field in headers { response.headers.append(field) }
        return response
    }

    func tooLarge() async -> Response {
        await message("Your reflection is too long to send", [
            "The form can take up to \(settings.bodyLimit / 1024) KB of text. Shorten the longest answers and send it again.",
            "Use your browser’s back button to return to the form: what you typed is still there.",
        ], status: .contentTooLarge)
    }

    func unreadable() async -> Response {
        await message("The form could not be read", [
            "Your browser sent characters we could not read. This can happen when text is pasted from some programs.",
            "Go back, retype the last thing you pasted, and send the form again.",
        ], status: .badRequest)
    }

    func tooMany(retryAfter seconds: Int) async -> Response {
        let minutes = max(1, (seconds + 59) / 60)
        return await message("You have sent a lot of reflections in a short time", [
            "To protect the forum from automated messages, please wait \(minutes == 1 ? "a minute" : "\(minutes) minutes") and send it again.",
            "What you typed is kept: use the link below when you are ready.",
        ], link: ("/submit/check/", "Return to check your answers"), status: .tooManyRequests,
           headers: [.retryAfter: "\(seconds)"])
    }

    func forbidden() async -> Response {
        await message("This form has expired", [
            "For your security, forms can only be sent from this site in the same browser session.",
            "Go back to the start and try again. If this keeps happening, check that your browser accepts cookies from this site.",
        ], link: ("/submit/", "Start again"), status: .forbidden)
    }
}

struct MessageView: Encodable {
    var heading: String
    var paragraphs: [String]
    var linkURL: String?
    var linkLabel: String?
}

func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    html(ByteBuffer(string: text), status: status)
}

func html(_ bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: bytes))
}

func redirect(_ location: String) -> Response {
    Response.redirect(to: location, type: .normal)
}
