import Foundation
import Testing
@testable import Markdown

/// Expected outputs were taken from discount 2.2.7 with the wrapper's flags, then checked by hand.
@Suite("Markdown rendering")
struct MarkdownTests {
    // MARK: Raw HTML is text

    @Test("<script> in a body comes out as escaped text")
    func scriptIsEscaped() {
        let html = Markdown.html(from: "Hello <script>alert(1)</script> there")
        #expect(html == "<p>Hello &lt;script>alert(1)&lt;/script> there</p>")
        #expect(!html.contains("<script"))
    }

    @Test("raw HTML tags are escaped", arguments: [
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)></p>"),
        ("<iframe src=\"https://example.org\"></iframe>",
         "<p>&lt;iframe src=&ldquo;<a href=\"https://example.org\">https://example.org</a>&rdquo;>&lt;/iframe></p>"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<p>&lt;a href=&ldquo;javascript:alert(1)&rdquo;>x&lt;/a></p>"),
        ("<style>body{}</style>", "<p>&lt;style>body{}&lt;/style></p>"),
        ("<div>x</div>", "<p>&lt;div>x&lt;/div></p>"),
        ("<!-- comment --> hi", "<p>&lt;!&ndash; comment &ndash;> hi</p>"),
    ])
    func rawHTMLIsEscaped(source: String, expected: String) {
        let html = Markdown.html(from: source)
        #expect(html == expected)
        for tag in ["<img", "<iframe", "<script", "<style", "<div", "<!--", "<a href=\"javascript"] {
            #expect(!html.contains(tag))
        }
    }

    @Test("raw HTML inside tables, footnotes and code stays text")
    func rawHTMLInOtherBlocks() {
        #expect(Markdown.html(from: "| A | B |\n|---|---|\n| <script> | ![i](javascript:x) |")
            == "<table>\n<thead>\n<tr>\n<th> A </th>\n<th> B </th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
            + "<td> &lt;script> </td>\n<td> i </td>\n</tr>\n</tbody>\n</table>\n")
        let footnote = Markdown.html(from: "text[^1]\n\n[^1]: <script>x</script> [y](javascript:z)")
        #expect(footnote.contains("&lt;script>x&lt;/script> [y](javascript:z)"))
        #expect(!footnote.contains("<script"))
        #expect(Markdown.html(from: "~~~\n<script>\n~~~") == "<pre><code>&lt;script&gt;\n</code></pre>")
        #expect(Markdown.html(from: "`<script>`") == "<p><code>&lt;script&gt;</code></p>")
    }

    // MARK: Links

    @Test("unsafe link schemes stay literal text", arguments: [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](data:text/html;base64,AAAA)",
        "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)",
        "[x](abc:def)",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ])
    func unsafeLinksAreText(source: String) {
        let html = Markdown.html(from: source)
        #expect(!html.contains("<a "))
        #expect(!html.contains(">x</a>"))
        #expect(html.hasPrefix("<p>[x]"))
    }

    @Test("javascript: link exact output is the escaped source")
    func javascriptLinkExact() {
        #expect(Markdown.html(from: "[x](javascript:alert(1))") == "<p>[x](javascript:alert(1))</p>")
        #expect(Markdown.html(from: "[x](data:text/html;base64,AAAA)") == "<p>[x](data:text/html;base64,AAAA)</p>")
        #expect(Markdown.html(from: "javascript:alert(1)") == "<p>javascript:alert(1)</p>")
        #expect(Markdown.html(from: "<javascript:alert(1)>") == "<p>&lt;javascript:alert(1)></p>")
    }

    @Test("entity-obfuscated javascript links get an inert relative href")
    func entityObfuscatedLinks() {
        // The & is escaped, so a browser reads the literal text "javascript&#58;…": a relative URL, not a scheme.
        #expect(Markdown.html(from: "[x](javascript&#58;alert(1))")
            == "<p><a href=\"javascript&amp;#58;alert(1\">x</a>)</p>")
        #expect(Markdown.html(from: "[x](&#106;avascript:alert(1))")
            == "<p><a href=\"&amp;#106;avascript:alert(1\">x</a>)</p>")
        for source in ["[x](javascript&#58;alert(1))", "[x](&#106;avascript:alert(1))", "[x](java\nscript:alert(1))"] {
            for href in Self.hrefs(in: Markdown.html(from: source)) {
                #expect(!Self.hasUnsafeScheme(href), "\(source) → href \(href)")
            }
        }
    }

    @Test("a mailto: link is not honoured as a link")
    func mailtoLink() {
        let html = Markdown.html(from: "[x](mailto:someone@example.org)")
        #expect(html.hasPrefix("<p>[x]("))
        #expect(!html.contains(">x</a>"))
        #expect(!html.contains("href=\"mailto:"))
    }

    @Test("AUTOLINK still turns a bare e-mail address into an entity-encoded mailto: link")
    func bareEmailIsAutolinked() {
        // Documents real behaviour: SAFELINK refuses [x](mailto:…), but AUTOLINK links a bare address.
        let html = Markdown.html(from: "someone@example.org")
        let hrefs = Self.hrefs(in: html)
        #expect(hrefs.map(CharacterReferences.decode) == ["mailto:someone@example.org"])
        #expect(!html.contains("someone@example.org"))  // every character is written as &#NN;
    }

    @Test("title attributes cannot break out of their quotes")
    func titlesAreEscaped() {
        #expect(Markdown.html(from: "[x](https://example.org 't\" onmouseover=\"alert(1)')")
            == "<p><a href=\"https://example.org\" title=\"t&quot; onmouseover=&quot;alert(1)\">x</a></p>")
        #expect(Markdown.html(from: "![a](https://example.org/a.png 'x\" onerror=\"alert(1)')")
            == "<p><img src=\"https://example.org/a.png\" title=\"x&quot; onerror=&quot;alert(1)\" alt=\"a\" /></p>")
        #expect(Markdown.html(from: "[x](https://example.org/\"onmouseover=\"alert(1))")
            == "<p><a href=\"https://example.org/%22onmouseover=%22alert(1\">x</a>)</p>")
    }

    @Test("safe links pass", arguments: [
        ("[x](https://example.org/)", "<p><a href=\"https://example.org/\">x</a></p>"),
        ("[x](/path)", "<p><a href=\"/path\">x</a></p>"),
        ("[x](#anchor)", "<p><a href=\"#anchor\">x</a></p>"),
        ("[x](/a \"t\")", "<p><a href=\"/a\" title=\"t\">x</a></p>"),
        ("[x](ftp://example.org)", "<p><a href=\"ftp://example.org\">x</a></p>"),
    ])
    func safeLinks(source: String, expected: String) {
        #expect(Markdown.html(from: source) == expected)
    }

    @Test("autolinks become links")
    func autolinks() {
        #expect(Markdown.html(from: "see https://example.org now")
            == "<p>see <a href=\"https://example.org\">https://example.org</a> now</p>")
        #expect(Markdown.html(from: "<https://example.org>")
            == "<p><a href=\"https://example.org\">https://example.org</a></p>")
        // A quote ends the autolink: the rest is text, not an attribute.
        #expect(Markdown.html(from: "https://example.org/\"onmouseover=\"alert(1)")
            == "<p><a href=\"https://example.org/\">https://example.org/</a>&ldquo;onmouseover=\"alert(1)</p>")
    }

    // MARK: Images

    @Test("unsafe images become their alt text", arguments: [
        ("![a](javascript:alert(1))", "<p>a)</p>"),  // the URL ends at the first ")"
        ("![a](data:image/png;base64,AAAA)", "<p>a</p>"),
        ("![a](java&#115;cript:x)", "<p>a</p>"),
        (" ![a](JaVaScRiPt:x)", "<p> a</p>"),
        ("![a](<javascript:alert(1)>)", "<p>a</p>"),
        ("![a](<java script:alert(1)>)", "<p>a</p>"),
        ("![a](java\tscript:x)", "<p>a</p>"),
        ("![a](javascript&colon;alert(1))", "<p>a)</p>"),
        ("![a](javascript&#x3A;alert(1))", "<p>a)</p>"),
        ("![a](javascript&#58alert(1))", "<p>a)</p>"),
        ("![a](https:javascript:alert(1))", "<p>a)</p>"),
        ("![a](abc:def)", "<p>a</p>"),
        ("![a][r]\n\n[r]: javascript:alert(1)", "<p>a</p>"),
        ("![<b>x</b>](javascript:x)", "<p>&lt;b&gt;x&lt;/b&gt;</p>"),
        ("![a\"b](javascript:x)", "<p>a&quot;b</p>"),
        ("![a>b](javascript:x)", "<p>a&gt;b</p>"),
        ("![x\" src=\"https://ok](javascript:alert(1))", "<p>x&quot; src=&quot;https://ok)</p>"),
    ])
    func unsafeImages(source: String, expected: String) {
        let html = Markdown.html(from: source)
        #expect(html == expected)
        #expect(!html.contains("<img"))
    }

    @Test("safe images keep their img element", arguments: [
        ("![a](https://example.org/a.png)", "<p><img src=\"https://example.org/a.png\" alt=\"a\" /></p>"),
        ("![a](/images/a.png)", "<p><img src=\"/images/a.png\" alt=\"a\" /></p>"),
        ("![a](a.png)", "<p><img src=\"a.png\" alt=\"a\" /></p>"),
        ("![a](/a.png \"t\")", "<p><img src=\"/a.png\" title=\"t\" alt=\"a\" /></p>"),
        ("![x](a.png =10x10)", "<p><img src=\"a.png\" height=\"10\" width=\"10\" alt=\"x\" /></p>"),
        ("![a>b](a.png)", "<p><img src=\"a.png\" alt=\"a&gt;b\" /></p>"),
        ("![a](https://example.org/a.png?w=1&h=2)",
         "<p><img src=\"https://example.org/a.png?w=1&amp;h=2\" alt=\"a\" /></p>"),
        ("![a](/images/a.png?w=1&h=2)", "<p><img src=\"/images/a.png?w=1&amp;h=2\" alt=\"a\" /></p>"),
    ])
    func safeImages(source: String, expected: String) {
        #expect(Markdown.html(from: source) == expected)
    }

    @Test("only the unsafe image of several is replaced")
    func mixedImages() {
        #expect(Markdown.html(from: "![a](a.png)![b](javascript:x)![c](b.png)")
            == "<p><img src=\"a.png\" alt=\"a\" />b<img src=\"b.png\" alt=\"c\" /></p>")
        #expect(Markdown.html(from: "[![a](javascript:x)](https://example.org)")
            == "<p><a href=\"https://example.org\">a</a></p>")
    }

    @Test("an img tag whose src contains > is filtered as one whole tag")
    func imageSourceContainingGreaterThan() {
        // discount escapes < but not > inside attribute values. ImageFilter ends the tag at the first ">",
        // so the rest of discount's tag (`" alt="a" />`) leaks into the page as visible text.
        #expect(Markdown.html(from: "![a](javascript:x>y)") == "<p>a</p>")
        #expect(Markdown.html(from: "![a](https://example.org/a.png?q=>)")
            == "<p><img src=\"https://example.org/a.png?q=>\" alt=\"a\" /></p>")
    }

    @Test("image source safety", arguments: [
        ("https://example.org/a.png", true), ("HTTP://example.org/a.png", true), ("/images/a.png", true),
        ("a.png", true), ("images/a:b.png", true), ("a.png?x=y:z", true), ("#frag", true),
        ("javascript:alert(1)", false), (" JaVaScRiPt:x", false), ("java\tscript:x", false),
        ("data:image/png;base64,AAAA", false), ("javascript&#58;x", false), ("javascript&#x3a;x", false),
        ("javascript&colon;x", false), ("javascript&#58x", false), ("vbscript:x", false), ("a:b/c.png", false),
    ])
    func imageSourceSafety(source: String, safe: Bool) {
        #expect(ImageFilter.isSafeImageSource(source) == safe)
    }

    @Test("character references decode", arguments: [
        ("java&#115;cript", "javascript"), ("a&#x3A;b", "a:b"), ("a&colon;b", "a:b"), ("&amp;&lt;&gt;", "&<>"),
        ("&bogus;x", "&bogus;x"), ("a&b", "a&b"), ("&#58", "&#58"),
    ])
    func characterReferences(escaped: String, decoded: String) {
        #expect(CharacterReferences.decode(escaped) == decoded)
    }

    // MARK: Extensions

    @Test("pipe tables render with header cells")
    func tables() {
        #expect(Markdown.html(from: "| A | B |\n|---|---|\n| 1 | 2 |")
            == "<table>\n<thead>\n<tr>\n<th> A </th>\n<th> B </th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
            + "<td> 1 </td>\n<td> 2 </td>\n</tr>\n</tbody>\n</table>\n")
    }

    @Test("Markdown-extra footnotes render a reference and the note")
    func footnotes() {
        #expect(Markdown.html(from: "text[^1]\n\n[^1]: note")
            == "<p>text<sup id=\"fnref:1\"><a href=\"#fn:1\" rel=\"footnote\">1</a></sup></p>\n"
            + "<div class=\"footnotes\">\n<hr/>\n<ol>\n<li id=\"fn:1\">\nnote"
            + "<a href=\"#fnref:1\" rev=\"footnote\">&#8617;</a></li>\n</ol>\n</div>\n")
    }

    @Test("fenced code renders pre and code with the language class")
    func fencedCode() {
        #expect(Markdown.html(from: "```swift\nlet x = 1 < 2\n```")
            == "<pre><code class=\"swift\">let x = 1 &lt; 2\n</code></pre>")
    }

    @Test("a backslash before the colon does not get javascript: or data: past the safe-link check", arguments: [
        // discount 2.2.7 alone gives <a href="javascript:alert%281%29">: the browser decodes %28 %29 and runs it.
        ("[x](javascript\\:alert%281%29)", "<p>x</p>"),
        ("[x](JAVASCRIPT\\:alert%281%29) after", "<p>x after</p>"),
        ("[x](<javascript\\:alert%281%29>)", "<p>x</p>"),
        ("[x](data\\:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>"),
        ("[x](vbscript\\:msgbox)", "<p>x</p>"),
        ("[x *y*][r]\n\n[r]: javascript\\:alert%281%29", "<p>x <em>y</em></p>"),
        ("[a](https://example.org/) [b](javascript\\:x) [c](/relative)",
         "<p><a href=\"https://example.org/\">a</a> b <a href=\"/relative\">c</a></p>"),
    ])
    func escapedColonLinks(source: String, expected: String) {
        let html = Markdown.html(from: source)
        #expect(html == expected)
        #expect(!html.lowercased().contains("javascript:") && !html.contains("data:"))
    }

    @Test("a fenced code block's language cannot break out of its class attribute", arguments: [
        // discount 2.2.7 alone gives <pre><code class=""><script>">x: a live script element.
        ("```\"><script>\nx\n```", "<pre><code class=\"&quot;&gt;&lt;script&gt;\">x\n</code></pre>"),
        ("~~~\"><script>\nx\n~~~", "<pre><code class=\"&quot;&gt;&lt;script&gt;\">x\n</code></pre>"),
        ("```\"><form>\nx\">\n```", "<pre><code class=\"&quot;&gt;&lt;form&gt;\">x\"&gt;\n</code></pre>"),
        ("> ```\"><iframe>\n> x\"y\n> ```",
         "<blockquote><pre><code class=\"&quot;&gt;&lt;iframe&gt;\">x\"y\n</code></pre></blockquote>"),
        ("- a\n\n    ```\"><svg/onload>\n    x\n    ```",
         "<ul>\n<li><p>a</p>\n\n<pre><code class=\"``&quot;&gt;&lt;svg/onload&gt;\">  x\n</code></pre></li>\n</ul>\n"),
        ("```a\"b\nx\n```", "<pre><code class=\"a&quot;b\">x\n</code></pre>"),
        ("```a'b&c\nx\n```", "<pre><code class=\"a&#39;b&amp;c\">x\n</code></pre>"),
    ])
    func fencedCodeLanguageIsEscaped(source: String, expected: String) {
        let html = Markdown.html(from: source)
        #expect(html == expected)
        for tag in ["<script", "<form", "<iframe", "<svg"] { #expect(!html.contains(tag)) }
    }

    @Test("ordinary Markdown", arguments: [
        ("*em* **strong** `code`", "<p><em>em</em> <strong>strong</strong> <code>code</code></p>"),
        ("# H1\n\n## H2", "<h1>H1</h1>\n\n<h2>H2</h2>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"),
        ("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"),
        ("> quote", "<blockquote><p>quote</p></blockquote>"),
        ("a & b < c", "<p>a &amp; b &lt; c</p>"),
        ("Line \"quoted\" and 'single'", "<p>Line &ldquo;quoted&rdquo; and &lsquo;single&rsquo;</p>"),
        ("a  \nb", "<p>a<br/>\nb</p>"),
    ])
    func ordinaryMarkdown(source: String, expected: String) {
        #expect(Markdown.html(from: source) == expected)
    }

    @Test("an empty body renders as the empty string")
    func emptyBody() {
        #expect(Markdown.html(from: "") == "")
    }

    @Test("a body starting with % lines is not eaten as a title block")
    func percentLinesAreText() {
        #expect(Markdown.html(from: "% Title\n% Author\n\nBody") == "<p>% Title\n% Author</p>\n\n<p>Body</p>")
    }

    @Test("discount reports a 2.x version")
    func version() {
        #expect(Markdown.discountVersion.hasPrefix("2."))
    }

    // MARK: Concurrency

    static let documents: [String] = (0..<300).map { index in
        let fragments = [
            "# Heading \(index)\n\nA paragraph with *emphasis* and **strong** text number \(index).",
            "- item \(index)\n- another item\n  - nested\n\n1. first\n2. second",
            "| Col | Value |\n|---|---|\n| row \(index) | \(index * 7) |\n| next | <b> |",
            "Footnote here[^n\(index)].\n\n[^n\(index)]: The note for \(index).",
            "```swift\nlet value = \(index) < 10 && true\n```",
            "Visit https://example.org/page/\(index) or [this](https://example.org/\(index) \"Title\").",
            "![picture \(index)](/images/\(index).png) and ![bad](javascript:alert(\(index)))",
            "<script>alert(\(index))</script> & <iframe src=x></iframe>",
            "> A quotation from practitioner \(index).\n>\n> Second line — with “curly quotes” and café.",
            "Plain text with [unsafe](javascript:void) and [mail](mailto:x@example.org) links.",
            String(repeating: "Long paragraph text for document \(index). ", count: index % 40 + 1),
        ]
        let count = index % fragments.count + 1
        return (0..<count).map { fragments[($0 * 3 + index) % fragments.count] }.joined(separator: "\n\n")
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: String) { lock.lock(); storage[index] = value; lock.unlock() }
        var values: [String?] { lock.lock(); defer { lock.unlock() }; return storage }
    }

    @Test("concurrent rendering gives byte-identical output on 8 threads")
    func concurrentThreads() {
        let documents = Self.documents
        let expected = documents.map(Markdown.html(from:))
        #expect(Set(expected).count > 250)  // the documents really differ
        for _ in 0..<4 {
            let results = Results(count: documents.count)
            let group = DispatchGroup()
            for worker in 0..<8 {
                group.enter()
                let thread = Thread {
                    for index in stride(from: worker, to: documents.count, by: 8) {
                        results.set(index, Markdown.html(from: documents[index]))
                    }
                    group.leave()
                }
                thread.stackSize = 1 << 22
                thread.start()
            }
            group.wait()
            let values = results.values
            for index in documents.indices where values[index] != expected[index] {
                Issue.record("document \(index) rendered differently under concurrency")
            }
        }
    }

    @Test("concurrent rendering in a task group gives byte-identical output")
    func concurrentTasks() async {
        let documents = Self.documents
        let expected = documents.map(Markdown.html(from:))
        for _ in 0..<3 {
            let rendered = await withTaskGroup(of: [(Int, String)].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        stride(from: worker, to: documents.count, by: 8).map { ($0, Markdown.html(from: documents[$0])) }
                    }
                }
                var all: [Int: String] = [:]
                for await part in group { for (index, html) in part { all[index] = html } }
                return all
            }
            #expect(rendered.count == documents.count)
            for index in documents.indices where rendered[index] != expected[index] {
                Issue.record("document \(index) rendered differently in a task group")
            }
        }
    }

    @Test("concurrentPerform rendering gives byte-identical output")
    func concurrentPerform() {
        let documents = Self.documents
        let expected = documents.map(Markdown.html(from:))
        let results = Results(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            results.set(index, Markdown.html(from: documents[index]))
        }
        #expect(results.values == expected.map(Optional.some))
    }

    // MARK: Helpers

    static func hrefs(in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.firstRange(of: "href=\"") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            result.append(String(after[..<end]))
            rest = after[end...].dropFirst()
        }
        return result
    }

    /// A scheme other than http(s)/ftp after decoding character references, as a browser would.
    static func hasUnsafeScheme(_ href: String) -> Bool {
        let decoded = CharacterReferences.decode(href).lowercased().filter { !$0.isWhitespace }
        return ["javascript:", "data:", "vbscript:", "mailto:"].contains { decoded.hasPrefix($0) }
    }
}
