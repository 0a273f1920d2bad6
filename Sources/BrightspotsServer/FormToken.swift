import Crypto
import Foundation
import Hummingbird
import Synchronization

/// Form tokens for a visitor who has no session yet: a signed double-submit cookie.
///
/// Showing a blank form used to create a session just to hold its token, which is a store write on every first
/// visit (the largest cost of a form page). Now the token travels in a cookie, `brightspots_form`, and in the
/// form's hidden field; a post is accepted when the two match. Nothing is stored until the visitor posts
/// something worth keeping, and then the session is created with that same token.
///
/// A token is `F1-<issued, Unix seconds>-<20 random letters>-<HMAC-SHA256 of what precedes, hex>` under the
/// daemon's own key, so only tokens this daemon issued, and not older than a session lives, are taken from
/// the cookie. Another site cannot read the cookie, and it is `SameSite=Lax` and `HttpOnly`. Letters, digits and
/// hyphens only, so a page remembered with a slot for the token (`TokenSlotPage`) can take it.
public struct FormTokenSigner: Sendable {
    public static let cookieName = "brightspots_form"
    static let prefix = "F1"
    let key: SymmetricKey
    /// Seconds a token is accepted for: as long as a session lives.
    let lifetime: Int

    /// `key`: at least 32 bytes, kept by the store so tokens outlive a restart of the daemon.
    public init(key: [UInt8], lifetime: Int) {
        self.key = SymmetricKey(data: key)
        self.lifetime = lifetime
    }

    /// A new token, issued at `now`.
    func mint(now: Date = Date()) -> String {
        let signed = "\(Self.prefix)-\(Int(now.timeIntervalSince1970))-\(Token.characters(20))"
        return signed + "-" + hex(HMAC<SHA256>.authenticationCode(for: Array(signed.utf8), using: key))
    }

    /// Whether `token` is one this key signed, issued no more than `lifetime` seconds before `now` (and not after
    /// it, allowing a minute for a clock step).
    func verify(_ token: Substring, now: Date = Date()) -> Bool {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.prefix, let issued = Int(parts[1]),
              parts[3].utf8.count == 64, let mac = bytes(fromHex: parts[3]) else { return false }
        let age = Int(now.timeIntervalSince1970) - issued
        guard age <= lifetime, age >= -60 else { return false }
        let signed = token.utf8.dropLast(65)
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Array(signed), using: key)
    }

    /// The cookie that carries `token`.
    func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: Self.cookieName, value: token, maxAge: lifetime, path: "/", secure: secure, httpOnly: true,
               sameSite: .lax)
    }

    private func hex(_ mac: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in mac {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func bytes(fromHex text: Substring) -> [UInt8]? {
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next() {
            guard let h = nibble(high), let low = iterator.next(), let l = nibble(low) else { return nil }
            out.append(h << 4 | l)
        }
        return out
    }
}

/// A request's form token when it has no session: the valid one its cookie carried, or one made for it (which
/// the middleware then sets as the cookie). Made only when a page asks, so static files get no cookie.
final class FormTokenSlot: Sendable {
    private struct State {
        var signer: FormTokenSigner?
        var fromCookie: String?
        var minted: String?
    }
    private let state = Mutex(State())

    init() {}

    func begin(signer: FormTokenSigner, cookie: String?) {
        let valid = cookie.flatMap { signer.verify($0[...]) ? $0 : nil }
        state.withLock { $0 = State(signer: signer, fromCookie: valid) }
    }

    /// The token; nil when no signer was set (a router without the middleware).
    func token() -> String? {
        state.withLock { state in
            if let token = state.fromCookie ?? state.minted { return token }
            guard let signer = state.signer else { return nil }
            let token = signer.mint()
            state.minted = token
            return token
        }
    }

    /// The token made during this request, to be set as the cookie.
    var minted: String? { state.withLock { $0.minted } }
}

/// Reads the form-token cookie before the routes run and sets it afterwards if a page made a new token.
struct FormTokenMiddleware: RouterMiddleware {
    typealias Context = BrightspotsRequestContext
    let signer: FormTokenSigner
    let secureCookies: Bool

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        context.formToken.begin(signer: signer, cookie: request.cookies[FormTokenSigner.cookieName]?.value)
        var response = try await next(request, context)
        if let minted = context.formToken.minted {
            response.setCookie(signer.cookie(minted, secure: secureCookies))
        }
        return response
    }
}
