import BrightspotsCore
import Foundation

/// A horizontal bar chart drawn by the build as inline SVG: for each group, its cost and its adjusted fiscal
/// benefit. No script and nothing from other hosts. The SVG carries a title and a description as its text
/// alternative; the table beside it is the accessible source of the figures.
enum BarChart {
    struct Bar {
        var label: String
        var cost: Money
        var benefit: Money
    }

    static let labelWidth = 230
    static let barSpace = 290
    static let valueWidth = 110
    static let barHeight = 14
    static let rowHeight = 44

    static func svg(id: String, title: String, bars: [Bar]) -> String {
        let width = labelWidth + barSpace + valueWidth
        let height = 30 + bars.count * rowHeight
        let largest = bars.flatMap { [$0.cost.pounds, $0.benefit.pounds] }.max() ?? 0
        func length(_ money: Money) -> String {
            guard largest > 0, money.pounds > 0 else { return "0" }
            return ExactNumber.fixed(money.pounds * Decimal(barSpace) / largest, scale: 1)
        }
        let description = bars.map { "\($0.label): cost \($0.cost.display), adjusted fiscal benefit \($0.benefit.display)" }
            .joined(separator: "; ")
        var svg = """
        <svg class="bar-chart" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(width) \(height)" \
        width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg">
        <title id="\(id)-title">\(XML.escape(title))</title>
        <desc id="\(id)-desc">\(XML.escape(description)).</desc>
        <rect x="\(labelWidth)" y="4" width="12" height="12" class="bar-cost"/>
        <text x="\(labelWidth + 18)" y="15">Cost</text>
        <rect x="\(labelWidth + 70)" y="4" width="12" height="12" class="bar-benefit"/>
        <text x="\(labelWidth + 88)" y="15">Adjusted fiscal benefit</text>

        """
        for (index, bar) in bars.enumerated() {
            let top = 30 + index * rowHeight
            let label = bar.label.count > 30 ? String(bar.label.prefix(29)) + "…" : bar.label
            let costLength = length(bar.cost), benefitLength = length(bar.benefit)
            svg += """
            <text x="0" y="\(top + 20)">\(XML.escape(label))</text>
            <rect x="\(labelWidth)" y="\(top + 4)" width="\(costLength)" height="\(barHeight)" class="bar-cost"/>
            <text x="\(labelWidth + barSpace + 6)" y="\(top + 15)" class="bar-value">\(XML.escape(bar.cost.display))</text>
            <rect x="\(labelWidth)" y="\(top + 4 + barHeight + 2)" width="\(benefitLength)" height="\(barHeight)" class="bar-benefit"/>
            <text x="\(labelWidth + barSpace + 6)" y="\(top + 15 + barHeight + 2)" class="bar-value">\(XML.escape(bar.benefit.display))</text>

            """
        }
        return svg + "</svg>"
    }
}
