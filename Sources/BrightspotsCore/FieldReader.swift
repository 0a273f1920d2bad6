/// Reads typed values out of YAML, gathering a problem for each value of the wrong shape
/// instead of stopping at the first.
struct FieldReader {
    let file: String
    var problems: [Problem] = []

    init(file: String) { self.file = file }

    mutating func report(_ line: Int?, _ reason: Problem.Reason) {
        problems.append(Problem(file: file, line: line, reason))
    }

    /// Reports keys not in `allowed`, suggesting the nearest allowed key.
    mutating func checkKeys(_ pairs: [YAMLPair], allowed: [String]) {
        for pair in pairs where !allowed.contains(pair.key) {
            report(pair.keyLine, .unknownKey(pair.key, allowed: allowed,
                                              suggestion: Suggestion.nearest(to: pair.key, in: allowed)))
        }
    }

    mutating func mapping(_ value: YAMLValue, what: String) -> [YAMLPair]? {
        guard let pairs = value.pairs else {
            report(value.line, .notAMapping(what: what))
            return nil
        }
        return pairs
    }

    /// A trimmed string. An empty or null value counts as absent, except for required keys.
    mutating func text(_ value: YAMLValue?, key: String, required: Bool = false) -> String? {
        guard let value else { return nil }
        if !required, let raw = value.string, Self.isNull(raw) { return nil }
        guard let raw = value.string else {
            report(value.line, .wrongType(key: key, expected: "a single line of text"))
            return nil
        }
        let trimmed = raw.trimmingWhitespace
        if trimmed.isEmpty {
            report(value.line, .emptyValue(key: key))
            return nil
        }
        return trimmed
    }

    /// A list of strings, each with its line. A single value is taken as a list of one.
    mutating func list(_ value: YAMLValue?, key: String) -> [(text: String, line: Int)] {
        guard let value else { return [] }
        switch value {
        case .scalar(let text, let line):
            return Self.isNull(text) ? [] : [(text.trimmingWhitespace, line)]
        case .sequence(let items, _):
            return items.compactMap { item in
                guard let text = item.string else {
                    report(item.line, .wrongType(key: key, expected: "a list of words, e.g. [housing, outreach]"))
                    return nil
                }
                let trimmed = text.trimmingWhitespace
                return trimmed.isEmpty ? nil : (trimmed, item.line)
            }
        case .mapping(_, let line):
            report(line, .wrongType(key: key, expected: "a list, e.g. [housing, outreach]"))
            return []
        }
    }

    static func isNull(_ raw: String) -> Bool {
        let trimmed = raw.trimmingWhitespace
        return trimmed.isEmpty || trimmed == "~" || trimmed == "null"
    }

    mutating func bool(_ value: YAMLValue?, key: String) -> Bool? {
        guard let value else { return nil }
        if let raw = value.string, Self.isNull(raw) { return nil }
        switch value.string?.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(value.line, .invalidBool(key: key, value: value.string ?? "…"))
            return nil
        }
    }

    mutating func integer(_ value: YAMLValue?, key: String) -> Int? {
        guard let value else { return nil }
        guard let text = value.string, let number = Int(text.trimmingWhitespace) else {
            report(value.line, .invalidNumber(key: key, value: value.string ?? "…"))
            return nil
        }
        return number
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
