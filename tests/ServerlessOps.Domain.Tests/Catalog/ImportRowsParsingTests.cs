using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using static ServerlessOps.Domain.Tests.Catalog.ImportRows;

namespace ServerlessOps.Domain.Tests.Catalog;

/// <summary>Cost, fee and stock-count rows: values read exactly, each mistake reported at its line and field.</summary>
public sealed class ImportRowsParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CostRows_DateOnlyAndInstant_AreReadAsUtcMidnightAndAsWritten()
    {
        var parse = CostRows.Parse([Row(2, ("sku", "A"), ("unitCost", "4.1250"), ("currency", "USD"), ("effectiveFrom", "2026-07-01"), ("effectiveTo", "2026-08-01T09:30:00+02:00"))]);

        var cost = Assert.Single(parse.Values).Value;
        Assert.Equal(4.1250m, cost.Amount);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), cost.EffectiveFrom);
        Assert.Equal(new DateTimeOffset(2026, 8, 1, 7, 30, 0, TimeSpan.Zero), cost.EffectiveTo);
    }

    [Fact]
    public void CostRows_InstantWithoutOffsetAndEndBeforeStart_AreRejected()
    {
        var parse = CostRows.Parse(
        [
            Row(2, ("sku", "A"), ("unitCost", "4"), ("currency", "USD"), ("effectiveFrom", "2026-07-01T09:00:00")),
            Row(3, ("sku", "A"), ("unitCost", "-1"), ("currency", "USD"), ("effectiveFrom", "2026-07-01"), ("effectiveTo", "2026-06-01")),
        ]);

        Assert.Equal([(2, "$.effectiveFrom"), (3, "$.effectiveTo"), (3, "$.unitCost")], parse.Errors.Select(e => (e.Line, e.Column!)).Order());
    }

    [Fact]
    public void FeeRows_DefaultsAndChannelSlugs_GiveTheRule()
    {
        var parse = FeeRows.Parse([Row(2, ("channel", "tiktok"), ("feeType", "commission"), ("percent", "6"), ("fixedPerOrder", "0.30"), ("currency", "USD"), ("effectiveFrom", "2026-01-01"))]);

        var rule = Assert.Single(parse.Values).Value;
        Assert.Equal((SalesChannel.TikTokShop, FeeScope.PerLine, FeeBasis.Net, 6m, 0m, 0.30m), (rule.Channel, rule.Scope, rule.Basis, rule.Percent, rule.FixedPerUnit, rule.FixedPerOrder));
    }

    [Fact]
    public void FeeRows_UnknownChannelAndPercentOver100_AreRejected()
    {
        var parse = FeeRows.Parse([Row(7, ("channel", "ebay"), ("feeType", "x"), ("percent", "150"), ("currency", "USD"), ("effectiveFrom", "2026-01-01"))]);

        Assert.Equal([(7, "$.channel"), (7, "$.percent")], parse.Errors.Select(e => (e.Line, e.Column!)).Order());
    }

    [Fact]
    public void FeeRows_SameFeeAndStartWithTheCategoryInAnotherLetterCase_AreRejectedNamingTheFirstLine()
    {
        // The guardrail matches categories ignoring case, so these two rows are one rule with two rates: which one the
        // file means is not ours to guess.
        var parse = FeeRows.Parse(
        [
            Row(2, ("channel", "amazon"), ("feeType", "referral"), ("category", "Grocery"), ("percent", "15"), ("currency", "USD"), ("effectiveFrom", "2026-01-01")),
            Row(3, ("channel", "amazon"), ("feeType", "referral"), ("category", "grocery"), ("percent", "8"), ("currency", "USD"), ("effectiveFrom", "2026-01-01")),
        ]);

        var error = Assert.Single(parse.Errors);
        Assert.Equal((3, "$.effectiveFrom"), (error.Line, error.Column));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(parse.Values).Line);
    }

    [Fact]
    public void FeeRows_SameFeeAndStartWithTheFeeTypeInAnotherLetterCase_AreRejectedNamingTheFirstLine()
    {
        var parse = FeeRows.Parse(
        [
            Row(2, ("channel", "amazon"), ("feeType", "Referral"), ("percent", "15"), ("currency", "USD"), ("effectiveFrom", "2026-01-01")),
            Row(3, ("channel", "amazon"), ("feeType", "referral"), ("percent", "8"), ("currency", "USD"), ("effectiveFrom", "2026-01-01")),
        ]);

        var error = Assert.Single(parse.Errors);
        Assert.Equal((3, "$.effectiveFrom"), (error.Line, error.Column));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Referral'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(parse.Values).Line);
    }

    [Fact]
    public void StockCountRows_FutureCountAndSecondCountOfOnePlace_AreRejected()
    {
        var parse = StockCountRows.Parse(
        [
            Row(2, ("sku", "A"), ("location", "main"), ("countedQuantity", "12"), ("countedAt", "2026-08-01T08:00:00Z")),
            Row(3, ("sku", "A"), ("location", "main"), ("countedQuantity", "11"), ("countedAt", "2026-08-01T09:00:00Z")),
            Row(4, ("sku", "B"), ("location", "main"), ("countedQuantity", "-1"), ("countedAt", "2026-08-02T09:00:00Z")),
        ], Now);

        Assert.Equal(12, Assert.Single(parse.Values).Value.Quantity);
        Assert.Equal([(3, "$.sku"), (4, "$.countedAt"), (4, "$.countedQuantity")], parse.Errors.Select(e => (e.Line, e.Column!)).Order());
    }
}
