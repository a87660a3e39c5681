using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Infrastructure.Review.Operations;

namespace ServerlessOps.Infrastructure.Tests.Review.Operations;

/// <summary>The daily checks of a roadmap's alert rules against one day's figures.</summary>
public sealed class AlertRuleCheckTests
{
    private static readonly AlertRuleSpec TeeCover = new("stock-cover", "TEE", null, "TEE", null, 7m, "ops@acme.example", "TEE keeps 7 days of cover");

    private static readonly SkuStock TeeSellsTwoADay = new("TEE", 40, null, null, 0, 2m, null, []);

    [Fact]
    public void StockCover_UnderTheThreshold_IsBreached()
    {
        var why = AlertRuleCheck.Breach(TeeCover, [], [], new Dictionary<string, int> { ["TEE"] = 5 }, [TeeSellsTwoADay]);

        Assert.Equal("5 units on hand cover 2.5 days at 2 a day, under 7", why);
    }

    /// <summary>
    /// A day whose snapshot of the SKU is not there (not imported yet, or the feed skipped it) was read as 0 units on hand,
    /// telling the inventory owner of a stock-out that nothing showed.
    /// </summary>
    [Fact]
    public void StockCover_ADayWithoutASnapshotOfTheSku_Passes()
    {
        var why = AlertRuleCheck.Breach(TeeCover, [], [], new Dictionary<string, int> { ["MUG"] = 3 }, [TeeSellsTwoADay]);

        Assert.Null(why);
    }
}
