import Foundation
import Hummingbird
import NIOCore

/// A page that is the same for every visitor but for their form token (the blank submission form, the choice of
/// kind): rendered once per site snapshot with a placeholder where the token goes, then answered by putting each
/// visitor's token in the placeholder's place. The bytes are those a full render with that token gives.
struct TokenSlotPage: Sendable {
    /// The page's text on either side of each place the token goes.
    private let parts: [ByteBuffer]
    private let length: Int

    /// `render` renders the page with the token it is given.
    init(_ render: (_ token: String) -> String) {
        // 160 random bits: the page cannot contain it by chance. Letters, digits and hyphens: templates print it
        // unchanged whether they escape it or not.
        let placeholder = "token-slot-" + Token.random()
        parts = render(placeholder).components(separatedBy: placeholder).map { ByteBuffer(string: $0) }
        length = parts.reduce(0) { $0 + $1.readableBytes }
    }

    /// The page with `token` in place, or nil if the token is not one a full render would print unchanged (every
    /// token the daemon makes is; a session from elsewhere might hold anything).
    func page(token: String) -> ByteBuffer? {
        guard token.utf8.allSatisfy(Self.printsUnchanged) else { return nil }
        var page = ByteBuffer()
        page.reserveCapacity(length + (parts.count - 1) * token.utf8.count)
        for (index, part) in parts.enumerated() {
            if index > 0 { page.writeString(token) }
            page.writeImmutableBuffer(part)
        }
        return page
    }

    /// ASCII letters, digits and hyphens: nothing HTML escaping changes.
    private static func printsUnchanged(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): true
        default: false
        }
    }
}
