import BrightspotsCore
import BrightspotsServer
import BrightspotsSite
import BrightspotsStore
import Foundation
import Hummingbird
import Logging

/// A daemon over a copy of the repository's example project (Content/ and Themes/) in a temporary folder,
/// with its site built, so tests can submit, moderate and publish without touching the real project.
struct TestDaemon {
    let root: URL
    let output: URL
    let daemon: Daemon
    let store: any SubmissionStore

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func make(settings: ServerSettings = ServerSettings(), store: (any SubmissionStore)? = nil,
                     today: Day? = nil, liveReload: LiveReload? = nil) throws -> TestDaemon {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("brightspots-daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Content", "Themes"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(folder),
                                             to: root.appendingPathComponent(folder))
        }
        var options = BuildOptions(project: ProjectFiles(root: root))
        if let today { options.today = today }
        let output = root.appendingPathComponent("public")
        _ = try SiteBuilder.build(options, output: output)
        let publisher = try Publisher(options: options, output: output)
        let chosen = store ?? MemoryStore()
        return TestDaemon(root: root, output: output,
                          daemon: Daemon(settings: settings, store: chosen, publisher: publisher, liveReload: liveReload),
                          store: chosen)
    }

    func application(siteFolder: String? = nil) -> some ApplicationProtocol {
        var settings = daemon.settings
        settings.port = 0
        return buildApplication(daemon: Daemon(settings: settings, store: daemon.store, publisher: daemon.publisher,
                                               liveReload: daemon.liveReload),
                                sessions: MemoryPersistDriver(), siteFolder: siteFolder ?? output.path,
                                logger: Logger(label: "test"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
