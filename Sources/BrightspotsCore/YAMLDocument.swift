import Yams

/// A YAML value with the file line it was written on, read with Yams.
/// Keeps mapping order (kinds and sections are listed in the order a site gives them).
public indirect enum YAMLValue: Hashable, Sendable {
    case scalar(String, line: Int)
    case sequence([YAMLValue], line: Int)
    case mapping([YAMLPair], line: Int)

    public var line: Int {
        switch self {
        case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line): return line
        }
    }

    public var string: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    public var items: [YAMLValue]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    public subscript(key: String) -> YAMLValue? {
        pairs?.first { $0.key == key }?.value
    }
}

public struct YAMLPair: Hashable, Sendable {
    public var key: String
    public var keyLine: Int
    public var value: YAMLValue
}

public enum YAMLDocument {
    /// Parses YAML text. `lineOffset` is added to every line so lines name the line in the file
    /// (front matter starts on line 2 of an entry). A syntax error becomes a problem with its line.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) -> Result<YAMLValue?, Problem> {
        do {
            // The encoding is named: Yams' default reads the environment on every call. Every scalar is read as
            // text (`convert`), so the resolver has no rules: the default one ran its regular expressions (bool,
            // int, float, null, timestamp...) on every mapping key while checking for duplicates, a fifth of the
            // time of reading an entry. A plain `1` and a quoted "1" are now the same key, and so duplicates.
            // The resolver and constructor are this parse's own, with no rules and no maps: nothing is constructed
            // (`convert` reads the nodes). `Constructor.default` is computed, three dictionaries made on every call,
            // and every node's tag holds both objects, so shared ones are retained from every core at once.
            let resolver = Resolver.basic.removing(.str)
            let constructor = Constructor([:], [:], [:])
            guard let node = try Yams.compose(yaml: text, resolver, constructor, .utf8) else { return .success(nil) }
            return .success(convert(node, lineOffset: lineOffset))
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                return .failure(Problem(file: file, line: mark.line + lineOffset, .invalidYAML(problem)))
            case .duplicatedKeysInMapping(let duplicates, _):
                return .failure(Problem(file: file, line: lineOffset + 1,
                                        .invalidYAML("the key \(duplicates.joined(separator: ", ")) appears twice")))
            default:
                return .failure(Problem(file: file, line: lineOffset + 1, .invalidYAML("\(error)")))
            }
        } catch {
            return .failure(Problem(file: file, line: lineOffset + 1, .invalidYAML("\(error)")))
        }
    }

    private static func convert(_ node: Node, lineOffset: Int) -> YAMLValue {
        let line = (node.mark?.line ?? 1) + lineOffset
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, line: line)
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0, lineOffset: lineOffset) }, line: line)
        case .mapping(let mapping):
            let pairs = mapping.map { key, value in
                YAMLPair(key: key.scalar?.string ?? "\(key)",
                         keyLine: (key.mark?.line ?? 1) + lineOffset,
                         value: convert(value, lineOffset: lineOffset))
            }
            return .mapping(pairs, line: line)
        case .alias(let alias):
            return .scalar(alias.anchor.rawValue, line: line)
        }
    }
}
