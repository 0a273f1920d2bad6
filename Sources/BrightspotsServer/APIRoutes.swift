import BrightspotsCore
import BrightspotsStore
import Foundation
import Hummingbird

/// `POST /api/submissions` takes the form's fields as JSON; `GET /api/submissions/<reference>` gives the status
/// to whoever holds the reference. See docs/API.md.
struct APIRoutes {
    let daemon: Daemon

    struct SubmissionBody: Decodable {
        var kind: String?
        var title: String?
        var sections: [String]?
        var tags: [String]?
        var principles: [String]?
        var team: String?
        var displayName: String?
        var anonymous: Bool?
        var forum: String?
        var roi: ROIBody?
        var declaration: Bool?

        struct ROIBody: Decodable {
            var cost: String?
            var paidFor: String?
            var outcomes: [OutcomeBody]?
        }

        struct OutcomeBody: Decodable {
            var code: String?
            var count: String?
        }

        var submission: Submission {
            Submission(kind: kind ?? "", title: title ?? "", sections: sections ?? [],
                       tags: (tags ?? []).joined(separator: ", "), principles: principles ?? [], team: team ?? "",
                       displayName: displayName ?? "", anonymous: anonymous ?? false, forum: forum ?? "",
                       cost: roi?.cost ?? "", paidFor: roi?.paidFor ?? "",
                       outcomes: (roi?.outcomes ?? []).map { SubmittedOutcome(code: $0.code ?? "", count: $0.count ?? "") },
                       declaration: declaration ?? false)
        }
    }

    struct Created: Encodable {
        var reference: String
        var status: String
        var statusURL: String
    }

    struct Status: Encodable {
        var reference: String
        var status: String
        var submittedAt: Date
        var publishedURL: String?
    }

    struct Errors: Encodable { var errors: [FieldError] }
    struct Failure: Encodable { var error: String }

    func add(to router: Router<BrightspotsRequestContext>) {
        router.post("/api/submissions") { request, context in await create(request, context: context) }
        router.get("/api/submissions/:reference") { _, context in await status(context: context) }
    }

    func create(_ request: Request, context: BrightspotsRequestContext) async -> Response {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            return json(Failure(error: "Send the submission as JSON with Content-Type: application/json."),
                        status: .unsupportedMediaType)
        }
        let body: SubmissionBody
        switch await daemon.bodyText(request) {
        case .tooLarge:
            return json(Failure(error: "The request body is larger than \(daemon.settings.bodyLimit / 1024) KiB."),
                        status: .contentTooLarge)
        case .unreadable:
            return json(Failure(error: "The request body is not UTF-8 text."), status: .badRequest)
        case .text(let text):
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            do {
                body = try decoder.decode(SubmissionBody.self, from: Data(text.utf8))
            } catch {
                return json(Failure(error: "The body is not a JSON submission: \(Self.describe(error))"), status: .badRequest)
            }
        }
        let submission = body.submission
        let snapshot = daemon.publisher.snapshot
        let errors = SubmissionCheck.errors(submission, vocabulary: snapshot.vocabulary,
                                            forumMonths: snapshot.upcomingEditions.map(\.month))
        guard errors.isEmpty else { return json(Errors(errors: errors), status: .unprocessableContent) }
        if let wait = await daemon.submissionLimiter.admit(daemon.clientAddress(request, context)) {
            var response = json(Failure(error: "Too many submissions from this address. Try again in \(wait) seconds."),
                                status: .tooManyRequests)
            response.headers[.retryAfter] = "\(wait)"
            return response
        }
        do {
            let reference = try await daemon.accept(submission)
            var response = json(Created(reference: reference, status: SubmissionStatus.pending.rawValue,
                                        statusURL: "/api/submissions/\(reference)"), status: .created)
            response.headers[.location] = "/api/submissions/\(reference)"
            return response
        } catch {
            context.logger.error("could not store a submission: \(error)")
            return json(Failure(error: "The submission could not be stored. Nothing was kept; send it again."),
                        status: .serviceUnavailable)
        }
    }

    func status(context: BrightspotsRequestContext) async -> Response {
        guard let reference = context.parameters.get("reference").flatMap(Token.normalisedReference),
              let stored = try? await daemon.store.submission(reference: reference) else {
            return json(Failure(error: "No submission has this reference."), status: .notFound)
        }
        let snapshot = daemon.publisher.snapshot
        let url = stored.publishedPath.map { snapshot.site.baseURL + $0.dropFirst() }
        return json(Status(reference: stored.reference, status: stored.status.rawValue, submittedAt: stored.submittedAt,
                           publishedURL: stored.status == .approved ? url : nil))
    }

    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")) must be \(type == Bool.self ? "true or false" : type == String.self ? "a string" : "\(type)")."
        case DecodingError.dataCorrupted: return "it is not valid JSON."
        default: return "it could not be read."
        }
    }
}
