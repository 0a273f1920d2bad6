import ArgumentParser
import BrightspotsServer
import BrightspotsSite
import Foundation
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, then serve it on http://127.0.0.1:8080/.",
        discussion: "Stop it with Ctrl-C. Use --no-build to serve the output folder as it is.")

    @OptionGroup var options: ProjectOptions
    @OptionGroup var outputOptions: BuildOutputOptions

    @Option(help: "The address to listen on. Keep 127.0.0.1 unless a proxy in front of it needs otherwise.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Flag(inversion: .prefixedNo, help: "Build the site before serving it.")
    var build = true

    func run() async throws {
        if build { try runBuild(options: options, outputOptions: outputOptions, verbose: false) }
        let folder = outputOptions.outputURL(options.project).path
        guard FileManager.default.fileExists(atPath: folder + "/index.html") else {
            printError("\(folder) holds no built site. Run brightspots build first, or drop --no-build.")
            throw ExitCode(1)
        }
        var logger = Logger(label: "brightspots")
        logger.logLevel = .info
        let configuration = ServerConfiguration(host: host, port: port, siteFolder: folder)
        print("Serving \(outputOptions.output)/ on http://\(host):\(port)/ (Ctrl-C to stop)")
        try await buildApplication(configuration: configuration, logger: logger).runService()
    }
}
