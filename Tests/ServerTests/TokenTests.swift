import Testing
@testable import BrightspotsServer

@Suite("Tokens")
struct TokenTests {
    @Test("form tokens and references use every letter of the alphabet and nothing else, and do not repeat")
    func tokens() {
        let tokens = (0..<2000).map { _ in Token.random() }
        #expect(tokens.allSatisfy { $0.count == 32 })
        #expect(Set(tokens).count == tokens.count)
        let letters = Set(tokens.joined())
        #expect(letters == Set(Token.alphabet))
        // Every position takes every letter: no position is stuck (each draw's bits are all used).
        for position in 0..<32 {
            let seen = Set(tokens.map { Array($0)[position] })
            #expect(seen.count == 32, "position \(position): \(seen.count) letters")
        }
        let references = (0..<200).map { _ in Token.reference() }
        #expect(references.allSatisfy { Token.normalisedReference($0) == $0 })
        #expect(Set(references).count == references.count)
    }
}
