import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BrightspotsServer

@Suite("Form tokens for visitors with no session")
struct FormTokenTests {
    static let key = Array(repeating: UInt8(7), count: 32)
    static let signer = FormTokenSigner(key: key, lifetime: 3600)
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("a token this key made is accepted until it is older than a session lives")
    func lifetime() {
        let token = Self.signer.mint(now: Self.now)
        #expect(token.hasPrefix("F1-1795000000-"))
        #expect(Self.signer.verify(token[...], now: Self.now))
        #expect(Self.signer.verify(token[...], now: Self.now.addingTimeInterval(3600)))
        #expect(!Self.signer.verify(token[...], now: Self.now.addingTimeInterval(3601)), "expired")
        #expect(Self.signer.verify(token[...], now: Self.now.addingTimeInterval(-60)), "a clock a minute behind")
        #expect(!Self.signer.verify(token[...], now: Self.now.addingTimeInterval(-61)), "issued in the future")
        #expect(Self.signer.mint(now: Self.now) != token, "each token has its own random part")
        // A remembered blank form takes it in its slot, instead of being rendered again for each visitor.
        #expect(TokenSlotPage { "<input value=\"\($0)\">" }.page(token: token) != nil)
    }

    @Test("a token from another key, or changed anywhere, or of another shape is refused")
    func forgeries() {
        let token = Self.signer.mint(now: Self.now)
        let other = FormTokenSigner(key: Array(repeating: 8, count: 32), lifetime: 3600)
        #expect(!other.verify(token[...], now: Self.now))
        // Every single-character change: the time, the random part, the code, the prefix, the dots.
        let characters = Array(token)
        for index in characters.indices {
            var changed = characters
            changed[index] = changed[index] == "0" ? "1" : "0"
            #expect(!Self.signer.verify(String(changed)[...], now: Self.now), "changed at \(index)")
        }
        let parts = token.split(separator: "-")
        for bad in ["", "F1", token + "-", token.dropLast() + "", String(token.dropLast()) + "G",
                    "\(parts[0])-\(parts[1])-\(parts[2])", "\(parts[0])-\(parts[1])-\(parts[3])-\(parts[2])",
                    "F1-x-\(parts[2])-\(parts[3])", "F1--1-\(parts[2])-\(parts[3])", token.uppercased(), String(repeating: "A", count: 32)] {
            #expect(!Self.signer.verify(bad[...], now: Self.now), "\(bad)")
        }
    }

    @Test("the token comes back in a cookie: posting it with the form starts a session that keeps it")
    func cookieStartsTheSession() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/")
            let token = browser.csrf
            #expect(browser.formCookie == token)
            #expect(browser.cookie == nil)
            // A second page with the cookie: the same token, and no new cookie.
            let again = try await browser.get("/submit/aar/")
            #expect(browser.csrf == token)
            #expect(!again.headers[values: .setCookie].contains { $0.hasPrefix("brightspots_form=") })
            // Choosing a kind keeps something, so the session is made now, with the same token.
            let chosen = try await browser.post("/submit/", [("kind", "aar")])
            #expect(chosen.status == .seeOther)
            #expect(browser.cookie != nil)
            try await browser.get("/submit/aar/")
            #expect(browser.csrf == token)
            #expect(try await browser.post("/submit/aar/", Fake.aar()).status == .seeOther)
            #expect(try await browser.get("/submit/check/").status == .ok)
        }
    }

    @Test("without the cookie, or with a forged one, posting the token is refused and nothing is kept")
    func refusals() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var visitor = Browser(client)
            try await visitor.get("/submit/")
            let token = visitor.csrf
            // The field alone, with no cookie (another site posting a token it somehow learnt).
            var stranger = Browser(client)
            #expect(try await stranger.post("/submit/", [("kind", "aar")], csrf: token).status == .forbidden)
            #expect(stranger.cookie == nil)
            // A cookie signed with another key: not taken; the page gets a fresh token and cookie instead.
            var forger = Browser(client)
            let forged = FormTokenSigner(key: Array(repeating: 9, count: 32), lifetime: 3600).mint()
            forger.formCookie = forged
            try await forger.get("/submit/")
            #expect(forger.csrf != forged)
            #expect(forger.formCookie == forger.csrf)
            forger.formCookie = forged
            #expect(try await forger.post("/submit/", [("kind", "aar")], csrf: forged).status == .forbidden)
            // A real cookie with another visitor's field.
            var other = Browser(client)
            try await other.get("/submit/")
            #expect(try await other.post("/submit/", [("kind", "aar")], csrf: token).status == .forbidden)
            #expect(other.cookie == nil)
        }
        #expect(try await daemon.store.submissions(status: nil).isEmpty)
    }

    @Test("pages of the built site set no cookie")
    func staticPages() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[values: .setCookie].isEmpty)
        }
    }
}
