import BrightspotsServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Serving the built site")
struct ServerTests {
    /// A small built site in a temporary folder.
    static func site() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brightspots-serve-\(UUID().uuidString)")
        let files = [
            "index.html": "<!DOCTYPE html><title>Home</title><h1>Home</h1>",
            "bright-spots/index.html": "<!DOCTYPE html><title>Bright Spots</title>",
            "bright-spots/blue-teapot/index.html": "<!DOCTYPE html><title>A blue teapot</title>",
            "assets/style.css": "body { color: black; }",
            "404.html": "<!DOCTYPE html><title>Page not found</title><h1>Page not found</h1>",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    func application(_ folder: URL) throws -> some ApplicationProtocol {
        try TestDaemon.make().application(siteFolder: folder.path)
    }

    @Test("pretty URLs serve index.html, folders without a slash redirect, the rest is the site's 404 page",
          arguments: [TestingSetup.router, .live])
    func routes(_ setup: TestingSetup) async throws {
        let folder = try Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await application(folder).test(setup) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>Home</h1>"))
            }
            try await client.execute(uri: "/bright-spots/blue-teapot/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("A blue teapot"))
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            try await client.execute(uri: "/bright-spots", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/bright-spots/")
            }
            try await client.execute(uri: "/assets/style.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
            }
            try await client.execute(uri: "/no/such/page/", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("<h1>Page not found</h1>"))
            }
            try await client.execute(uri: "/../etc/passwd", method: .get) { response in
                #expect(response.status != .ok)
            }
        }
    }
}
