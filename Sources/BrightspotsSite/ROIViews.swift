import BrightspotsCore

/// Totals as a template shows them: every amount already formatted.
public struct TotalsView: Sendable, Encodable {
    public var entries: Int
    public var cost: String
    public var grossFiscal: String
    public var adjustedFiscal: String
    public var adjustedEconomic: String
    public var adjustedSocial: String
    public var net: String
    public var ratio: String
    public var hasRatio: Bool
    public var hasWiderValue: Bool

    init(_ totals: Totals) {
        entries = totals.entries
        cost = totals.cost.display
        grossFiscal = totals.gross.fiscal.display
        adjustedFiscal = totals.adjusted.fiscal.display
        adjustedEconomic = totals.adjusted.economic.display
        adjustedSocial = totals.adjusted.social.display
        net = totals.netFiscal.display
        // Worked out once: it is a division.
        let ratio = totals.ratio
        self.ratio = ratioText(ratio)
        hasRatio = ratio != nil
        hasWiderValue = totals.adjusted.economic.pounds != 0 || totals.adjusted.social.pounds != 0
    }
}

public struct ROIRowView: Sendable, Encodable {
    public var label: String
    public var url: String?
    public var totals: TotalsView
}

public struct ROIGroupView: Sendable, Encodable {
    public var id: String
    public var heading: String
    public var columnLabel: String
    public var note: String?
    /// Inline SVG made by the build.
    public var chartSVG: String
    public var rows: [ROIRowView]
    public var total: TotalsView
}

public struct ROIPageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var hasEntries: Bool
    public var overall: TotalsView
    public var deadweight: String
    public var attribution: String
    public var entries: [ROIRowView]
    public var groups: [ROIGroupView]
    public var csvURL: String
    public var jsonURL: String
    public var unitCostsURL: String
}

public struct UnitCostRowView: Sendable, Encodable {
    public var code: String
    public var sourceCode: String?
    public var label: String
    public var unit: String
    public var value: String
    public var priceYear: String
    public var valueType: String
    public var source: String
    public var sourceYear: String?
    public var rating: String
    public var flags: [String]
}

public struct UnitCostsPageView: Sendable, Encodable {
    public var site: SiteView
    public var page: PageMetaView
    public var note: String
    public var costs: [UnitCostRowView]
    public var flaggedCount: Int
}

public struct ROILineView: Sendable, Encodable {
    public var label: String
    public var count: String
    public var unit: String
    public var unitCost: String
    public var valueType: String
    public var priceYear: String
    public var source: String
    public var rating: String
    public var period: String?
    public var note: String?
    public var gross: String
}

/// The ROI box on an entry page.
public struct EntryROIView: Sendable, Encodable {
    public var lines: [ROILineView]
    public var paidFor: String?
    public var deadweight: String
    public var attribution: String
    public var totals: TotalsView
    public var unitCostsURL: String
}
