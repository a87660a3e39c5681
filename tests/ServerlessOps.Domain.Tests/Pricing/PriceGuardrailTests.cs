using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Tests.Pricing;

public sealed class PriceGuardrailTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Floor_CostAboveMap_IsCostOverOneMinusMargin()
    {
        Assert.Equal(10m, PriceGuardrail.Floor(minimumAdvertisedPrice: 9m, unitCost: 8.5m, marginFloorPercent: 15m));
    }

    [Fact]
    public void Floor_MapAboveCostFloor_IsMap()
    {
        Assert.Equal(12m, PriceGuardrail.Floor(minimumAdvertisedPrice: 12m, unitCost: 8.5m, marginFloorPercent: 15m));
    }

    [Fact]
    public void Floor_NeitherMapNorCost_IsUnknown()
    {
        Assert.Null(PriceGuardrail.Floor(null, null, 15m));
    }

    [Fact]
    public void CheckLine_MarginFloorOfOneHundredPercent_AsTheBrandPolicyAllows_IsCheckedJustUnderItNotRefused()
    {
        // cost / (1 − 100 %) has no value; the policy's maximum is checked at 99.99 %, as the monthly review checks it.
        var verdict = PriceGuardrail.CheckLine(Line(quantity: 1, unitPrice: 30m, discount: 0m, cost: 2m), 100m, [], "USD", At);

        Assert.Equal((20_000m, true), (verdict.Floor, verdict.BelowFloor));
        Assert.Equal(20_000m, PriceGuardrail.Floor(minimumAdvertisedPrice: null, unitCost: 2m, marginFloorPercent: 100m));
    }

    [Fact]
    public void CheckLine_DiscountTakesUnitNetBelowFloor_BreachesWithShortfallTimesQuantity()
    {
        // 3 × 11.00 − 4.50 = 28.50 → 9.50 a unit against a floor of 10.00: 0.50 short on each of 3 units.
        var verdict = PriceGuardrail.CheckLine(Line(quantity: 3, unitPrice: 11m, discount: 4.5m, cost: 8.5m), 15m, [], "USD", At);

        Assert.True(verdict.BelowFloor);
        Assert.Equal(10m, verdict.Floor);
        Assert.Equal(9.5m, verdict.UnitNet);
        Assert.Equal(1.5m, verdict.MoneyAtStake);
        Assert.False(verdict.ContributionNegative);
        Assert.Equal(28.5m - 25.5m, verdict.Contribution);
    }

    [Fact]
    public void CheckLine_UnitNetExactlyAtFloor_IsNoBreach()
    {
        var verdict = PriceGuardrail.CheckLine(Line(quantity: 2, unitPrice: 10m, discount: 0m, cost: 8.5m), 15m, [], "USD", At);

        Assert.False(verdict.IsBreach);
        Assert.Equal(0m, verdict.MoneyAtStake);
    }

    [Fact]
    public void CheckLine_AboveFloorButFeesEatTheMargin_ContributionNegativeOnly()
    {
        // Net 20, cost 2 × 8.5 = 17, referral 15 % of net = 3 + 0.30 per unit = 3.60 → −0.60.
        var fees = new[] { Fee(FeeScope.PerLine, FeeBasis.Net, percent: 15m, perUnit: 0.3m) };

        var verdict = PriceGuardrail.CheckLine(Line(quantity: 2, unitPrice: 10m, discount: 0m, cost: 8.5m), 15m, fees, "USD", At);

        Assert.False(verdict.BelowFloor);
        Assert.True(verdict.ContributionNegative);
        Assert.Equal(3.6m, verdict.Fees);
        Assert.Equal(-0.6m, verdict.Contribution);
        Assert.Equal(0.6m, verdict.MoneyAtStake);
    }

    [Fact]
    public void CheckLine_FeeOnTotal_IncludesTax()
    {
        var fees = new[] { Fee(FeeScope.PerLine, FeeBasis.Total, percent: 10m) };

        var verdict = PriceGuardrail.CheckLine(Line(quantity: 1, unitPrice: 100m, discount: 0m, cost: 50m) with { Tax = 8m }, 15m, fees, "USD", At);

        Assert.Equal(10.8m, verdict.Fees);
    }

    [Fact]
    public void CheckLine_FeeOfAnotherCategoryOrOutOfEffect_IsNotCharged()
    {
        var fees = new[]
        {
            Fee(FeeScope.PerLine, FeeBasis.Net, percent: 50m) with { Category = "shoes" },
            Fee(FeeScope.PerLine, FeeBasis.Net, percent: 50m) with { EffectiveFrom = At.AddDays(1) },
            Fee(FeeScope.PerLine, FeeBasis.Net, percent: 50m) with { EffectiveTo = At },
        };

        var verdict = PriceGuardrail.CheckLine(Line(quantity: 1, unitPrice: 100m, discount: 0m, cost: 50m) with { Category = "hats" }, 15m, fees, "USD", At);

        Assert.Equal(0m, verdict.Fees);
    }

    [Fact]
    public void CheckLine_FeeRuleSupersededByALaterStart_IsNotChargedBesideItsSuccessor()
    {
        // A renewed fee leaves its old row open-ended in the schedule; the row with the latest start applies (EffectivePeriods.FeesAt).
        var fees = new[] { Fee(FeeScope.PerLine, FeeBasis.Net, percent: 40m), Fee(FeeScope.PerLine, FeeBasis.Net, percent: 15m) with { EffectiveFrom = At.AddDays(-10) } };

        var verdict = PriceGuardrail.CheckLine(Line(quantity: 1, unitPrice: 20m, discount: 0m, cost: 10m), 15m, fees, "USD", At);

        Assert.Equal((3.00m, 7.00m, false), (verdict.Fees, verdict.Contribution, verdict.ContributionNegative));
    }

    [Fact]
    public void CheckLine_CategoryFeeOfTheSameType_ReplacesTheGenericOneForThatCategoryOnly()
    {
        // A fee schedule's category row is that category's rate for the fee type: 8 % for grocery where 15 % is the rest's, not 23 %.
        var fees = new[] { Fee(FeeScope.PerLine, FeeBasis.Net, percent: 15m), Fee(FeeScope.PerLine, FeeBasis.Net, percent: 8m) with { Category = "grocery" } };

        var grocery = PriceGuardrail.CheckLine(Line(quantity: 1, unitPrice: 100m, discount: 0m, cost: 50m) with { Category = "Grocery" }, 15m, fees, "USD", At);
        var hats = PriceGuardrail.CheckLine(Line(quantity: 1, unitPrice: 100m, discount: 0m, cost: 50m) with { Category = "hats" }, 15m, fees, "USD", At);

        Assert.Equal((8.00m, 15.00m), (grocery.Fees, hats.Fees));
    }

    [Fact]
    public void CheckLine_CategoryFeeRenewedUnderAnotherLetterCase_SupersedesTheOldRowAsTheGuardrailMatchesIt()
    {
        // The guardrail matches "GROCERY" to both rows; the later start must replace the earlier one, not be charged beside it.
        var fees = new[]
        {
            Fee(FeeScope.PerLine, FeeBasis.Net, percent: 40m) with { Category = "Grocery" },
            Fee(FeeScope.PerLine, FeeBasis.Net, percent: 15m) with { Category = "grocery", EffectiveFrom = At.AddDays(-10) },
        };

        var verdict = PriceGuardrail.CheckLine(Line(quantity: 1, unitPrice: 20m, discount: 0m, cost: 10m) with { Category = "GROCERY" }, 15m, fees, "USD", At);

        Assert.Equal((3.00m, 7.00m), (verdict.Fees, verdict.Contribution));
    }

    [Fact]
    public void CheckLine_FeeRenewedUnderAnotherLetterCaseOfItsType_SupersedesTheOldRow()
    {
        var fees = new[]
        {
            Fee(FeeScope.PerLine, FeeBasis.Net, percent: 40m) with { FeeType = "Referral" },
            Fee(FeeScope.PerLine, FeeBasis.Net, percent: 15m) with { EffectiveFrom = At.AddDays(-10) },
        };

        var verdict = PriceGuardrail.CheckLine(Line(quantity: 1, unitPrice: 20m, discount: 0m, cost: 10m), 15m, fees, "USD", At);

        Assert.Equal((3.00m, 7.00m), (verdict.Fees, verdict.Contribution));
    }

    [Fact]
    public void CheckLine_CategoryFeeWithItsTypeInAnotherLetterCase_ReplacesTheGenericOne()
    {
        var fees = new[] { Fee(FeeScope.PerLine, FeeBasis.Net, percent: 15m) with { FeeType = "Referral" }, Fee(FeeScope.PerLine, FeeBasis.Net, percent: 8m) with { Category = "grocery" } };

        var verdict = PriceGuardrail.CheckLine(Line(quantity: 1, unitPrice: 100m, discount: 0m, cost: 50m) with { Category = "Grocery" }, 15m, fees, "USD", At);

        Assert.Equal(8.00m, verdict.Fees);
    }

    [Fact]
    public void CheckOrder_PerOrderCategoryFeeWithItsTypeInAnotherLetterCase_ReplacesTheGenericOneOnItsLines()
    {
        var fees = new[]
        {
            Fee(FeeScope.PerOrder, FeeBasis.Net, percent: 0m, perOrder: 1m) with { FeeType = "Transaction" },
            Fee(FeeScope.PerOrder, FeeBasis.Net, percent: 10m, perOrder: 0m) with { FeeType = "transaction", Category = "grocery" },
        };

        var verdict = PriceGuardrail.CheckOrder([Line(1, 10m, 0m, 1m, "tea") with { Category = "grocery" }], 15m, fees, "USD", At);

        Assert.Equal([1.00m], verdict.Lines.Select(l => l.Fees));
    }

    [Fact]
    public void CheckOrder_PerOrderFee_SharedByNetAndAddsUpToTheFee()
    {
        var fees = new[] { Fee(FeeScope.PerOrder, FeeBasis.Net, percent: 0m, perOrder: 1m) };
        var lines = new[] { Line(1, 10m, 0m, 1m, "a"), Line(1, 10m, 0m, 1m, "b"), Line(1, 10m, 0m, 1m, "c") };

        var verdict = PriceGuardrail.CheckOrder(lines, 15m, fees, "USD", At);

        Assert.Equal([0.33m, 0.33m, 0.33m], verdict.Lines.Select(l => l.Fees));
        Assert.Equal(26m, verdict.Contribution);
    }

    [Fact]
    public void CheckLine_PerOrderFeeOfAnotherCategory_IsNotCharged()
    {
        var fees = new[] { Fee(FeeScope.PerOrder, FeeBasis.Net, percent: 2m, perOrder: 0.40m) with { Category = "grocery" } };

        var verdict = PriceGuardrail.CheckLine(Line(1, 10m, 0m, 1m) with { Category = "hats" }, 15m, fees, "USD", At);

        Assert.Equal((0m, 9m), (verdict.Fees, verdict.Contribution));
    }

    [Fact]
    public void CheckOrder_LinesSpanningCategories_EachPerOrderFeeIsChargedOnceOnTheLinesItCovers()
    {
        var fees = new[]
        {
            Fee(FeeScope.PerOrder, FeeBasis.Net, percent: 0m, perOrder: 1m) with { FeeType = "transaction" },
            Fee(FeeScope.PerOrder, FeeBasis.Net, percent: 10m, perOrder: 0.40m) with { FeeType = "transaction", Category = "Grocery" },
        };
        var lines = new[]
        {
            Line(1, 10m, 0m, 1m, "hat") with { Category = "hats" },
            Line(2, 5m, 0m, 1m, "tea") with { Category = "grocery" },
            Line(1, 10m, 0m, 1m, "jam") with { Category = "GROCERY" },
        };

        var verdict = PriceGuardrail.CheckOrder(lines, 15m, fees, "USD", At);

        // The generic fee covers the hat alone (1.00); grocery's rate replaces it for the tea and the jam: 10 % of their
        // 20.00 + 0.40 once = 2.40, shared by net (1.20 each).
        Assert.Equal([1.00m, 1.20m, 1.20m], verdict.Lines.Select(l => l.Fees));
        Assert.Equal(30m - 4m - 3.40m, verdict.Contribution);
    }

    [Fact]
    public void CheckOrder_UnknownCost_ContributionUnknownAndFloorFromMap()
    {
        var verdict = PriceGuardrail.CheckOrder([Line(1, 5m, 0m, cost: null) with { MinimumAdvertisedPrice = 6m }], 15m, [], "USD", At);

        Assert.Null(verdict.Contribution);
        Assert.True(verdict.BelowFloor);
        Assert.Equal(1m, verdict.MoneyAtStake);
    }

    [Fact]
    public void CheckOrder_FixedFeeInAnotherCurrency_IsLeftOut()
    {
        var fees = new[] { Fee(FeeScope.PerLine, FeeBasis.Net, percent: 0m, perUnit: 5m) with { Currency = "EUR" } };

        var verdict = PriceGuardrail.CheckLine(Line(1, 100m, 0m, 50m), 15m, fees, "USD", At);

        Assert.Equal(0m, verdict.Fees);
    }

    [Fact]
    public void CheckLine_FixedFeeInAnotherCurrency_IsNamedInTheVerdictAsLeftOut()
    {
        var fees = new[] { Fee(FeeScope.PerLine, FeeBasis.Net, percent: 10m, perUnit: 5m, perOrder: 1m) with { Currency = "EUR" } };

        var verdict = PriceGuardrail.CheckLine(Line(1, 100m, 0m, 50m), 15m, fees, "USD", At);

        Assert.Equal(10m, verdict.Fees);
        var leftOut = Assert.Single(verdict.FeesLeftOut);
        Assert.Contains("referral", leftOut, StringComparison.Ordinal);
        Assert.Contains("5.00 EUR per unit", leftOut, StringComparison.Ordinal);
        Assert.Contains("1.00 EUR per order", leftOut, StringComparison.Ordinal);
        Assert.Empty(PriceGuardrail.CheckLine(Line(1, 100m, 0m, 50m), 15m, [Fee(FeeScope.PerLine, FeeBasis.Net, 10m, 5m)], "USD", At).FeesLeftOut);
    }

    [Property]
    public Property UnitNetAtOrAboveFloor_NeverBelowFloor(PositiveInt quantity, PositiveInt costCents, PositiveInt markupCents, PositiveInt marginPercent)
    {
        var margin = marginPercent.Get % 95;
        var cost = costCents.Get / 100m;
        var floor = PriceGuardrail.Round(PriceGuardrail.Floor(null, cost, margin)!.Value);
        var price = floor + (markupCents.Get % 10_000 / 100m);

        var verdict = PriceGuardrail.CheckLine(Line(quantity.Get % 1000 + 1, price, 0m, cost), margin, [], "USD", At);

        return (!verdict.BelowFloor).Label($"price {price} floor {verdict.Floor}");
    }

    [Property]
    public Property Verdict_Amounts_AreRoundedToCentsAndMoneyAtStakeNeverNegative(PositiveInt quantity, NonNegativeInt priceMills, NonNegativeInt costMills, NonNegativeInt discountMills)
    {
        var q = quantity.Get % 50 + 1;
        var price = priceMills.Get % 1_000_000 / 1000m;
        var discount = Math.Min(q * price, discountMills.Get % 1_000_000 / 1000m);
        var fees = new[] { Fee(FeeScope.PerLine, FeeBasis.Net, 13.3m, 0.07m), Fee(FeeScope.PerOrder, FeeBasis.Total, 1.1m, 0m, 0.99m) with { FeeType = "transaction" } };

        var verdict = PriceGuardrail.CheckLine(Line(q, price, discount, costMills.Get % 1_000_000 / 1000m), 15m, fees, "USD", At);

        var amounts = new[] { verdict.UnitNet, verdict.Fees, verdict.Contribution!.Value, verdict.Floor!.Value, verdict.MoneyAtStake };
        return (amounts.All(a => a == Math.Round(a, 2)) && verdict.MoneyAtStake >= 0m
            && verdict.IsBreach == (verdict.MoneyAtStake > 0m || verdict.UnitNet < verdict.Floor || verdict.Contribution < 0m)).ToProperty();
    }

    [Property]
    public Property CheckOrder_SharedOrderFees_AddUpToTheWholeFee(PositiveInt lineCount, PositiveInt seed)
    {
        var count = lineCount.Get % 7 + 1;
        var lines = Enumerable.Range(0, count).Select(i => Line(i % 3 + 1, ((seed.Get * (i + 7)) % 5000) / 100m, 0m, 1m, $"l{i}")).ToArray();
        var fee = Fee(FeeScope.PerOrder, FeeBasis.Net, 3m, 0m, 2.5m);
        var expected = (3m / 100m * lines.Sum(l => l.Quantity * l.UnitPrice)) + 2.5m;

        var verdict = PriceGuardrail.CheckOrder(lines, 15m, [fee], "USD", At);

        // Each line's share is rounded once, so the sum is within half a cent a line of the whole fee.
        return (Math.Abs(verdict.Lines.Sum(l => l.Fees) - expected) <= 0.005m * count).ToProperty();
    }

    private static PricedLine Line(int quantity, decimal unitPrice, decimal discount, decimal? cost, string key = "line-1") =>
        new(key, quantity, unitPrice, discount, Tax: null, Category: null, MinimumAdvertisedPrice: null, UnitCost: cost);

    private static FeeRule Fee(FeeScope scope, FeeBasis basis, decimal percent, decimal perUnit = 0m, decimal perOrder = 0m) =>
        new(SalesChannel.Amazon, "referral", null, scope, basis, percent, perUnit, perOrder, "USD", At.AddYears(-1), null);
}
