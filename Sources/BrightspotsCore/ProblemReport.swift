/// Every problem in one numbered report, so a user fixes them all in one pass.
public struct ProblemReport: Error, Sendable, CustomStringConvertible {
    public let problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems.sorted()
    }

    public var isEmpty: Bool { problems.isEmpty }

    public var description: String {
        guard !problems.isEmpty else { return "No problems found." }
        var lines = ["\(problems.count) problem\(problems.count == 1 ? "" : "s") found:", ""]
        for (index, problem) in problems.enumerated() {
            let number = "\(index + 1). "
            lines.append(number + problem.description)
            if let hint = problem.reason.hint {
                lines.append(String(repeating: " ", count: number.count) + "Fix: " + hint)
            }
        }
        return lines.joined(separator: "\n")
    }
}
