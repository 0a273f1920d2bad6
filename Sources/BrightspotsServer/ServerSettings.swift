import BrightspotsStore
import Foundation
import Yams

/// How the daemon runs. Values come from, in rising precedence: these defaults, a YAML settings file
/// (`--config`), environment variables (`BRIGHTSPOTS_*`), then command-line options.
public struct ServerSettings: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The SQLite file holding submissions, accounts, sessions and the audit log. Relative to the project.
    public var database = "brightspots.sqlite"
    /// Mark the session cookie Secure. Turn on whenever the site is reached over HTTPS (behind a TLS proxy).
    public var secureCookies = false
    /// Take the client's address from X-Forwarded-For (set by a proxy in front of the daemon) for rate limits.
    public var trustProxy = false
    /// Submissions one address may send per window before it is asked to wait.
    public var submissionsPerWindow = 10
    public var rateWindowSeconds = 600
    /// The largest request body accepted, in bytes.
    public var bodyLimit = 256 * 1024
    /// How long a moderator stays logged in without activity, in minutes.
    public var sessionMinutes = 120
    /// How many days raw submissions (pending, rejected, and the original text of approved ones) and taken-down
    /// entries in the trash are kept before `brightspots purge` (run daily by the daemon) deletes them.
    public var retentionDays = 90

    public var retention: RetentionPolicy { RetentionPolicy(days: retentionDays) }

    public init() {}


    /// Reads a YAML settings file: keys as the property names in snake case (`secure_cookies: true`).
    public static func load(file: String?, environment: [String: String]) throws -> ServerSettings {
        var settings = ServerSettings()
        if let file {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            guard let mapping = try Yams.load(yaml: text) as? [String: Any] else {
                throw SettingsError(message: "\(file): settings must be \"key: value\" lines.")
            }
            for (key, value) in mapping {
                try settings.apply(key: key, value: "\(value)", source: file)
            }
        }
        for (name, value) in environment where name.hasPrefix("BRIGHTSPOTS_") {
            let key = name.dropFirst("BRIGHTSPOTS_".count).lowercased()
            try settings.apply(key: key, value: value, source: "environment variable \(name)")
        }
        return settings
    }

    public static let keys = ["host", "port", "database", "secure_cookies", "trust_proxy", "submissions_per_window",
                              "rate_window_seconds", "body_limit", "session_minutes", "retention_days"]

    mutating func apply(key: String, value: String, source: String) throws {
        func number() throws -> Int {
            guard let number = Int(value), number > 0 else {
                throw SettingsError(message: "\(source): \(key) \"\(value)\" is not a whole number above 0.")
            }
            return number
        }
        func flag() throws -> Bool {
            switch value.lowercased() {
            case "true", "yes", "1", "on": return true
            case "false", "no", "0", "off": return false
            default: throw SettingsError(message: "\(source): \(key) \"\(value)\" is not true or false.")
            }
        }
        switch key {
        case "host": host = value
        case "port": port = try number()
        case "database": database = value
        case "secure_cookies": secureCookies = try flag()
        case "trust_proxy": trustProxy = try flag()
        case "submissions_per_window": submissionsPerWindow = try number()
        case "rate_window_seconds": rateWindowSeconds = try number()
        case "body_limit": bodyLimit = try number()
        case "session_minutes": sessionMinutes = try number()
        case "retention_days": retentionDays = try number()
        case "root", "theme", "output", "audience", "config": break  // command-line options, not settings
        default:
            throw SettingsError(message: "\(source): unknown setting \"\(key)\". Settings: \(Self.keys.joined(separator: ", ")).")
        }
    }
}

public struct SettingsError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
