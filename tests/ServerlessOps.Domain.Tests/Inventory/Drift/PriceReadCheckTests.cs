using ServerlessOps.Domain.Inventory.Drift;

namespace ServerlessOps.Domain.Tests.Inventory.Drift;

public sealed class PriceReadCheckTests
{
    [Fact]
    public void Check_PriceBelowTheCostFloor_IsABreachWithShortfallTimesUnitsPerDay()
    {
        // Floor = max(MAP 15, 17 / (1 − 15%) = 20) = 20.00; (20.00 − 18.50) × 6 a day = 9.00.
        var verdict = PriceReadCheck.Check(18.50m, minimumAdvertisedPrice: 15m, unitCost: 17m, marginFloorPercent: 15m, unitsPerDay: 6m);

        Assert.Equal((20.00m, true, 9.00m), (verdict.Floor, verdict.BelowFloor, verdict.MoneyAtStakePerDay));
    }

    [Fact]
    public void Check_BreachWithUnknownVelocity_HasNoMoneyAtStake()
    {
        var verdict = PriceReadCheck.Check(10m, minimumAdvertisedPrice: 12m, unitCost: null, marginFloorPercent: 15m, unitsPerDay: null);

        Assert.Equal((12m, true, (decimal?)null), (verdict.Floor, verdict.BelowFloor, verdict.MoneyAtStakePerDay));
    }

    [Fact]
    public void Check_PriceAtTheRoundedFloor_IsNoBreach()
    {
        // 10 / 0.85 = 11.7647… → floor 11.76 as the owner reads it; 11.76 is at it.
        var verdict = PriceReadCheck.Check(11.76m, minimumAdvertisedPrice: null, unitCost: 10m, marginFloorPercent: 15m, unitsPerDay: 3m);

        Assert.Equal((11.76m, false, (decimal?)null), (verdict.Floor, verdict.BelowFloor, verdict.MoneyAtStakePerDay));
    }

    [Fact]
    public void Check_NeitherMapNorCost_HasNoFloorAndNoBreach()
    {
        var verdict = PriceReadCheck.Check(1m, minimumAdvertisedPrice: null, unitCost: null, marginFloorPercent: 15m, unitsPerDay: 3m);

        Assert.Equal(((decimal?)null, false), (verdict.Floor, verdict.BelowFloor));
    }
}
