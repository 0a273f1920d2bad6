import CDiscount

/// Markdown to HTML through the C library discount. This is the only module that imports discount.
///
/// Every body is rendered with raw HTML disabled (`<script>` becomes text), safe links only (`[x](javascript:…)`,
/// `data:` and `mailto:` links stay literal text; a bare email address is still autolinked, and is the privacy
/// guard's to catch) and discount's pseudo-protocols off. Images bypass discount's
/// safe-link check, so `img` elements whose source is not http(s) or relative are replaced by their alt text;
/// SAFELINK also misses a backslash-escaped colon (`javascript\:`), so links are checked again after rendering;
/// fenced code's language is copied into a class attribute unescaped, so it is escaped afterwards.
public enum Markdown {
    /// The discount flags used for every entry. Tables are on unless `MKD_NOTABLES` is set.
    static let flags: mkd_flag_t =
        mkd_flag_t(MKD_NOHTML) | mkd_flag_t(MKD_SAFELINK) | mkd_flag_t(MKD_NO_EXT)
        | mkd_flag_t(MKD_AUTOLINK) | mkd_flag_t(MKD_FENCEDCODE) | mkd_flag_t(MKD_EXTRA_FOOTNOTE)
        | mkd_flag_t(MKD_NOHEADER) | mkd_flag_t(MKD_NODIVQUOTE) | mkd_flag_t(MKD_NOSTYLE)

    /// discount keeps global tables that `mkd_compile` would otherwise set up lazily from any thread.
    /// Doing it once, before any render, makes concurrent rendering safe (shared/TOOLCHAIN.md).
    private static let setUp: Void = {
        mkd_initialize()
        mkd_with_html5_tags()
    }()

    /// The version string discount reports, e.g. "2.2.7".
    public static var discountVersion: String {
        String(cString: brightspots_discount_version())
    }

    /// What produces a body: discount's version and the filters applied after it. The build cache keys rendered
    /// bodies by this and the Markdown, so a change here (a new filter, a fix to one) renders every body again
    /// instead of serving HTML cached before the fix. Raise `filters` whenever a filter's output changes.
    public static var engine: String {
        "discount \(discountVersion); filters 2 (code language, links, images)"
    }

    /// `flags` without autolinking, tried first (`Autolinks`).
    static let flagsWithoutAutolinks: mkd_flag_t = flags & ~mkd_flag_t(MKD_AUTOLINK)

    /// Renders Markdown source (without front matter) to an HTML fragment. Safe to call from many threads.
    public static func html(from source: String) -> String {
        _ = setUp
        var bytes = Array(source.utf8)
        if bytes.isEmpty { return "" }
        let html: String? = bytes.withUnsafeMutableBufferPointer { buffer -> String? in
            let raw = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            // Without autolinking first: where that could not have made a link, its HTML is the same.
            let plain = discount(raw, count: buffer.count, flags: flagsWithoutAutolinks) { output -> String? in
                guard let output, !Autolinks.couldLink(output) else { return nil }
                return String(decoding: output, as: UTF8.self)
            }
            if let plain { return plain }
            return discount(raw, count: buffer.count, flags: flags) { $0.map { String(decoding: $0, as: UTF8.self) } }
        }
        return filtered(html ?? "")
    }

    /// discount's HTML through the filters that follow it: fenced code's language escaped, unsafe links and images
    /// replaced.
    static func filtered(_ html: String) -> String {
        ImageFilter.removeUnsafeImages(from: LinkFilter.removeUnsafeLinks(from: CodeLanguageFilter.escapeLanguages(in: html)))
    }

    /// discount's HTML for `count` bytes at `source` with `flags`, given to `body` while the document holds it;
    /// nil to `body` when discount fails.
    static func discount<Result>(_ source: UnsafePointer<CChar>, count: Int, flags: mkd_flag_t,
                                 _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        guard let document = mkd_string(source, Int32(count), flags) else { return body(nil) }
        defer { mkd_cleanup(document) }
        guard mkd_compile(document, flags) != 0 else { return body(nil) }
        var output: UnsafeMutablePointer<CChar>?
        let length = mkd_document(document, &output)
        guard length > 0, let output else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        // The buffer belongs to the document: `body` copies what it keeps before mkd_cleanup frees it.
        return body(UnsafeBufferPointer(start: UnsafeRawPointer(output).assumingMemoryBound(to: UInt8.self),
                                        count: Int(length)))
    }
}
