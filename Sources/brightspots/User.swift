import ArgumentParser
import BrightspotsStore
import Foundation
import HummingbirdBcrypt

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, remove or list moderator accounts, or set a password.",
        subcommands: [Add.self, Remove.self, Passwd.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a moderator account. Prints a generated password once unless --password-stdin is given.")
        @OptionGroup var options: ProjectOptions
        @OptionGroup var daemonOptions: DaemonOptions
        @Argument(help: "The username: letters, digits, dots, hyphens and underscores.") var username: String
        @Option(help: "moderator (queue, edit, approve, reject) or admin (also the audit log).")
        var role: ModeratorRole = .moderator
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func validate() throws {
            guard Usernames.isValid(username) else {
                throw ValidationError("The username \"\(username)\" must be 1–40 letters, digits, dots, hyphens or underscores.")
            }
        }

        func run() async throws {
            let store = try daemonOptions.openStore(try daemonOptions.settings(), project: options.project)
            let password = try Passwords.chosen(fromStdin: passwordStdin)
            do {
                try await store.addUser(
                    ModeratorAccount(username: username, passwordHash: Bcrypt.hash(password), role: role, createdAt: Date()),
                    audit: AuditRecord(at: Date(), actor: "terminal:\(Passwords.operatorName)", action: .userAdded,
                                       detail: "\(username) (\(role.rawValue))"))
            } catch let error as StoreError {
                printError("\(error)")
                throw ExitCode(1)
            }
            print("Added \(role.rawValue) \(username).")
            if !passwordStdin { print("Password (shown once): \(password)") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a moderator account; it can no longer log in.")
        @OptionGroup var options: ProjectOptions
        @OptionGroup var daemonOptions: DaemonOptions
        @Argument(help: "The username.") var username: String

        func run() async throws {
            let store = try daemonOptions.openStore(try daemonOptions.settings(), project: options.project)
            let removed = try await store.removeUser(named: username, audit: AuditRecord(
                at: Date(), actor: "terminal:\(Passwords.operatorName)", action: .userRemoved, detail: username))
            guard removed else {
                printError("there is no account named \(username). See brightspots user list.")
                throw ExitCode(1)
            }
            print("Removed \(username).")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password for an account. Prints a generated one once unless --password-stdin is given.")
        @OptionGroup var options: ProjectOptions
        @OptionGroup var daemonOptions: DaemonOptions
        @Argument(help: "The username.") var username: String
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func run() async throws {
            let store = try daemonOptions.openStore(try daemonOptions.settings(), project: options.project)
            let password = try Passwords.chosen(fromStdin: passwordStdin)
            let changed = try await store.setPasswordHash(Bcrypt.hash(password), forUser: username, audit: AuditRecord(
                at: Date(), actor: "terminal:\(Passwords.operatorName)", action: .passwordChanged, detail: username))
            guard changed else {
                printError("there is no account named \(username). See brightspots user list.")
                throw ExitCode(1)
            }
            print("Changed the password of \(username).")
            if !passwordStdin { print("Password (shown once): \(password)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List moderator accounts and their roles.")
        @OptionGroup var options: ProjectOptions
        @OptionGroup var daemonOptions: DaemonOptions

        func run() async throws {
            let store = try daemonOptions.openStore(try daemonOptions.settings(), project: options.project)
            for account in try await store.users() {
                print("\(account.username)\t\(account.role.rawValue)")
            }
        }
    }
}

extension ModeratorRole: ExpressibleByArgument {}

enum Usernames {
    static func isValid(_ name: String) -> Bool {
        (1...40).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}

extension Passwords {
    /// A password from standard input (first line, at least 12 characters), or a generated one.
    static func chosen(fromStdin: Bool) throws -> String {
        guard fromStdin else { return generate() }
        guard let line = readLine(strippingNewline: true), line.count >= 12 else {
            printError("give a password of at least 12 characters on standard input.")
            throw ExitCode(1)
        }
        return line
    }
}
