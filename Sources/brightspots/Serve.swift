import ArgumentParser
import BrightspotsCore
import BrightspotsServer
import BrightspotsSite
import BrightspotsStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import ServiceLifecycle

/// Options shared by the commands that use the daemon's settings and store.
struct DaemonOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A YAML settings file (host, port, database, secure_cookies, trust_proxy, submissions_per_window, rate_window_seconds, body_limit, session_minutes, retention_days). BRIGHTSPOTS_<SETTING> environment variables override it.",
                               valueName: "file"))
    var config: String?

    func settings() throws -> ServerSettings {
        do {
            return try ServerSettings.load(file: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }

    func openStore(_ settings: ServerSettings, project: ProjectFiles) throws -> SQLiteStore {
        let path = project.resolve(settings.database).path
        do {
            return try SQLiteStore(path: path)
        } catch {
            printError("cannot open the store \(path): \(error)")
            throw ExitCode(1)
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, then serve it with the submission forms and moderation on http://127.0.0.1:8080/.",
        discussion: """
            Practitioners send reflections at /submit/ (or POST /api/submissions); moderators log in at /moderate/ \
            to approve them, which writes the entry into Content/ and rebuilds the site. The first time, with no \
            moderator accounts in the store, an admin account is created and its password printed once. \
            Stop with Ctrl-C or SIGTERM: requests in flight are finished first.
            """)

    @OptionGroup var options: ProjectOptions
    @OptionGroup var outputOptions: BuildOutputOptions
    @OptionGroup var daemonOptions: DaemonOptions

    @Option(help: "The address to listen on (default 127.0.0.1). Keep it unless a proxy in front of it needs otherwise.")
    var host: String?

    @Option(help: "The port to listen on (default 8080).")
    var port: Int?

    @Flag(inversion: .prefixedNo, help: "Build the site before serving it (--no-build serves the output folder as it is).")
    var build = true

    @Flag(help: "Live preview: rebuild (incrementally) whenever Content/ or Themes/ changes, and reload open pages.")
    var watch = false

    func run() async throws {
        var settings = try daemonOptions.settings()
        if let host { settings.host = host }
        if let port { settings.port = port }
        let project = options.project
        let output = outputOptions.outputURL(project)
        let buildOptions = BuildOptions(project: project, theme: options.theme, audience: outputOptions.audience)
        // The build cache is shared with `brightspots build`, so each only does what the other has not.
        let cache: BuildCache
        do {
            cache = try BuildCache.open(BuildCache.defaultFile(for: project))
        } catch {
            printError("cannot open the build cache: \(error)")
            throw ExitCode(1)
        }
        if build { try runBuild(options: options, outputOptions: outputOptions, verbose: false, cache: cache) }
        guard FileManager.default.fileExists(atPath: output.path + "/index.html") else {
            printError("\(output.path) holds no built site. Run brightspots build first, or drop --no-build.")
            throw ExitCode(1)
        }
        let publisher: Publisher
        do {
            publisher = try Publisher(options: buildOptions, output: output, cache: cache)
        } catch let report as ProblemReport {
            throw fail(with: report)
        }
        let store = try daemonOptions.openStore(settings, project: project)
        if try await store.users().isEmpty {
            let password = Passwords.generate()
            try await store.addUser(
                ModeratorAccount(username: "admin", passwordHash: Bcrypt.hash(password), role: .admin, createdAt: Date()),
                audit: AuditRecord(at: Date(), actor: "terminal:\(Passwords.operatorName)", action: .userAdded, detail: "admin (admin)"))
            print("""
                Created the first moderator account (shown once; change it with brightspots user passwd admin):
                  username: admin
                  password: \(password)
                """)
        }
        var logger = Logger(label: "brightspots")
        logger.logLevel = .info
        let liveReload = watch ? LiveReload() : nil
        let daemon = Daemon(settings: settings, store: store, publisher: publisher, liveReload: liveReload,
                            formTokenKey: try await store.secretKey(named: "form-token"))
        var services: [any Service] = [RetentionService(store: store, policy: settings.retention, logger: logger)]
        if let liveReload {
            services.append(SiteWatcher(publisher: publisher, liveReload: liveReload,
                                        folders: [project.content, project.themes], logger: logger))
            print("Watching Content/ and Themes/: pages reload after each rebuild.")
        }
        print("Serving \(outputOptions.output)/ with submissions on http://\(settings.host):\(settings.port)/ (Ctrl-C to stop)")
        print("  Send a reflection: http://\(settings.host):\(settings.port)/submit/")
        print("  Moderate:          http://\(settings.host):\(settings.port)/moderate/")
        fflush(nil)  // the password line must reach a log or pipe before the server's own output
        let app = buildApplication(daemon: daemon, sessions: SQLitePersistDriver(store: store),
                                   siteFolder: output.path, logger: logger, services: services)
        try await app.runService()
    }
}

enum Passwords {
    /// 20 characters from an unambiguous alphabet: about 100 bits.
    static func generate() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return stride(from: 0, to: 20, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }

    static var operatorName: String { ProcessInfo.processInfo.environment["USER"] ?? "unknown" }
}
