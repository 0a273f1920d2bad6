import BrightspotsCore
@testable import BrightspotsServer
import BrightspotsSite
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Live preview: serve --watch")
struct LiveReloadTests {
    @Test("while watching, every HTML page loads the reload script, which the server serves; otherwise pages are as built")
    func scriptOnPages() async throws {
        let watching = try TestDaemon.make(liveReload: LiveReload())
        defer { watching.remove() }
        try await watching.application().test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(String(buffer: home.body).contains("<script src=\"/_brightspots/live.js\" defer></script>\n</body>"))
            let entry = try await client.execute(uri: "/after-action-reviews/fewer-999-calls-more-conversations/", method: .get)
            #expect(String(buffer: entry.body).contains("/_brightspots/live.js"))
            let script = try await client.execute(uri: "/_brightspots/live.js", method: .get)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(String(buffer: script.body).contains("new EventSource(\"/_brightspots/live\")"))
            let css = try await client.execute(uri: "/assets/style.css", method: .get)
            #expect(!String(buffer: css.body).contains("live.js"))
        }
        let plain = try TestDaemon.make()
        defer { plain.remove() }
        try await plain.application().test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(!String(buffer: home.body).contains("live.js"))
            #expect(try await client.execute(uri: "/_brightspots/live.js", method: .get).status == .notFound)
        }
    }

    @Test("each page's event stream says it is connected, then reload after each rebuild")
    func eventStream() async throws {
        let live = LiveReload()
        let stream = await live.subscribe()
        await live.announce()
        await live.announce()
        await live.finish()
        var events: [String] = []
        for await event in stream { events.append(event) }
        #expect(events == [": connected\nretry: 1000\n\n", "event: reload\ndata: 1\n\n", "event: reload\ndata: 2\n\n"])
        #expect(await live.connected == 0)
    }

    @Test("an edit made after the last build but before the watcher watches is published when it starts")
    func catchUp() async throws {
        let live = LiveReload()
        let test = try TestDaemon.make(liveReload: live)
        defer { test.remove() }
        let page = test.output.appendingPathComponent("after-action-reviews/fewer-999-calls-more-conversations/index.html")
        let file = test.root.appendingPathComponent("Content/aar/2026/fewer-999-calls-more-conversations.md")
        try Data((try String(contentsOf: file, encoding: .utf8) + "\nAn edit made before watching.\n").utf8).write(to: file)
        let (watching, ready) = AsyncStream<Void>.makeStream()
        let watcher = SiteWatcher(publisher: test.daemon.publisher, liveReload: live,
                                  folders: [test.root.appendingPathComponent("Content")],
                                  logger: Logger(label: "watch-test"), onWatching: { ready.yield() })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await watcher.run() }
            for await _ in watching { break }
            let served = try String(contentsOf: page, encoding: .utf8)
            #expect(served.contains("An edit made before watching."))
            group.cancelAll()
        }
    }

    @Test("an edit under Content/ is rebuilt incrementally and announced; a broken edit keeps the last good site")
    func watcherRebuilds() async throws {
        let live = LiveReload()
        let test = try TestDaemon.make(liveReload: live)
        defer { test.remove() }
        // The edit is made only once the folders are watched: a fixed pause before it was missed under load.
        let (watching, ready) = AsyncStream<Void>.makeStream()
        let watcher = SiteWatcher(publisher: test.daemon.publisher, liveReload: live,
                                  folders: [test.root.appendingPathComponent("Content"), test.root.appendingPathComponent("Themes")],
                                  logger: Logger(label: "watch-test"), onWatching: { ready.yield() })
        let page = test.output.appendingPathComponent("after-action-reviews/fewer-999-calls-more-conversations/index.html")
        let file = test.root.appendingPathComponent("Content/aar/2026/fewer-999-calls-more-conversations.md")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await watcher.run() }
            for await _ in watching { break }
            // The watcher's first rebuild, made as it starts watching, announces itself only if it wrote files.
            let start = await live.generation
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data((text + "\nA line the watcher must publish.\n").utf8).write(to: file)
            #expect(try await waitFor { await live.generation == start + 1 })
            #expect(try String(contentsOf: page, encoding: .utf8).contains("A line the watcher must publish."))

            // A broken file: no rebuild is announced and the site stays as it was.
            let broken = test.root.appendingPathComponent("Content/aar/2026/broken.md")
            try Data("---\ntitle: [unclosed\n---\n".utf8).write(to: broken)
            try await Task.sleep(for: .milliseconds(800))
            #expect(await live.generation == start + 1)
            #expect(try String(contentsOf: page, encoding: .utf8).contains("A line the watcher must publish."))

            // Fixing it rebuilds again.
            try FileManager.default.removeItem(at: broken)
            #expect(try await waitFor { await live.generation == start + 2 })
            group.cancelAll()
        }
    }

    func waitFor(_ condition: () async -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
