using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.Brands;

public sealed class BrandTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Brand Valid() => new("acme", "Acme", "USD", "America/New_York", GoLive, new BrandOwners("ops@acme.example"), BrandPolicy.Default);

    [Fact]
    public void Validate_AValidBrand_HasNoErrors() => Assert.Empty(Valid().Validate());

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("XXX")]
    [InlineData("ABC")]
    public void Validate_NotAnActiveIso4217Code_NamesBaseCurrency(string currency) =>
        Assert.Equal(["baseCurrency"], (Valid() with { BaseCurrency = currency }).Validate().Select(e => e.Field));

    [Theory]
    [InlineData("Eastern Standard Time")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData(" Europe/London")]
    [InlineData("")]
    public void Validate_NotAKnownIanaZone_NamesTimeZone(string zone) =>
        Assert.Equal(["timeZone"], (Valid() with { TimeZone = zone }).Validate().Select(e => e.Field));

    [Theory]
    [InlineData("Acme")]
    [InlineData("acme_outdoor")]
    [InlineData("-acme")]
    [InlineData("")]
    public void Validate_BadId_NamesId(string id) => Assert.Equal(["id"], (Valid() with { Id = id }).Validate().Select(e => e.Field));

    [Fact]
    public void Validate_EveryProblem_IsReportedAtOnce()
    {
        var brand = Valid() with
        {
            DisplayName = "",
            Owners = new BrandOwners("not an address"),
            Policy = BrandPolicy.Default with { MarginFloorPercent = 120m, ReturnWindowDays = -1, DefaultShipWithin = TimeSpan.FromMinutes(5) },
        };

        Assert.Equal(
            ["displayName", "owners.default", "policy.marginFloorPercent", "policy.returnWindowDays", "policy.defaultShipWithin"],
            brand.Validate().Select(e => e.Field));
    }

    [Fact]
    public void IsHistory_BeforeGoLiveOnly()
    {
        Assert.True(Valid().IsHistory(GoLive.AddTicks(-1)));
        Assert.False(Valid().IsHistory(GoLive));
        Assert.False(Valid().IsHistory(GoLive.AddDays(1)));
    }

    [Fact]
    public void Owners_For_PrefersChannelThenSignalThenDefault()
    {
        var owners = new BrandOwners("ops@acme.example",
        [
            new OwnerAssignment(BrandSignal.Inventory, null, "stock@acme.example"),
            new OwnerAssignment(BrandSignal.Inventory, SalesChannel.Amazon, "amazon-stock@acme.example"),
        ]);

        Assert.Equal("amazon-stock@acme.example", owners.For(BrandSignal.Inventory, SalesChannel.Amazon));
        Assert.Equal("stock@acme.example", owners.For(BrandSignal.Inventory, SalesChannel.Walmart));
        Assert.Equal("stock@acme.example", owners.For(BrandSignal.Inventory));
        Assert.Equal("ops@acme.example", owners.For(BrandSignal.Finance, SalesChannel.Amazon));
    }

    [Fact]
    public void Owners_TwoOwnersForOneSignalAndChannel_IsAnError()
    {
        var owners = new BrandOwners("ops@acme.example",
        [
            new OwnerAssignment(BrandSignal.Data, SalesChannel.Shopify, "a@acme.example"),
            new OwnerAssignment(BrandSignal.Data, SalesChannel.Shopify, "b@acme.example"),
        ]);

        Assert.Equal(["owners.assignments[1]"], owners.Validate().Select(e => e.Field));
    }

    [Fact]
    public void Policy_Defaults_AreTheDocumentedOnes()
    {
        var policy = BrandPolicy.Default;

        Assert.Equal((15m, 0.02m, 10m, PriceBreachAction.Hold, true, 30, TimeSpan.FromDays(2), 0),
            (policy.MarginFloorPercent, policy.MonthlyCarryingCostRate, policy.LateOrderCost(SalesChannel.Amazon), policy.OnPriceBreach,
             policy.RestockOnReturn, policy.ReturnWindowDays, policy.DefaultShipWithin, policy.MinimumStockBuffer));
        Assert.Empty(policy.Validate());
    }

    [Fact]
    public void Policy_LateOrderCostPerChannel_OverridesTheDefaultThere()
    {
        var policy = BrandPolicy.Default with { LateOrderCostByChannel = new Dictionary<SalesChannel, decimal> { [SalesChannel.Walmart] = 25m } };

        Assert.Equal(25m, policy.LateOrderCost(SalesChannel.Walmart));
        Assert.Equal(10m, policy.LateOrderCost(SalesChannel.Shopify));
    }
}
