using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Settlements;

namespace ServerlessOps.Domain.Tests.Settlements;

public sealed class SettlementFeesTests
{
    private static readonly DateTimeOffset Placed = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Imported = Placed.AddDays(4);

    [Fact]
    public void FeeRows_BecomeChargedFees_PositiveAndOnTheLineTheyName()
    {
        var (order, changed) = SettlementFees.Apply(Order(), [Fee("f1", -3.15m, lineId: "L1"), Fee("f2", -1.65m, sku: "SKU-B"), Fee("f3", -0.30m), Sale("s1", 60m)], Imported);

        Assert.True(changed);
        Assert.Equal([("L1", 3.15m), ("L2", 1.65m), (null, 0.30m)], order.Fees.Select(f => (f.LineId, f.Amount)).ToList());
        Assert.All(order.Fees, f => Assert.Equal(Imported, f.RecordedAt));
        Assert.Equal("settlement:amazon:f1", order.Fees[0].SourceId);
    }

    [Fact]
    public void SameRowsAppliedAgain_ChangeNothing()
    {
        var (once, _) = SettlementFees.Apply(Order(), [Fee("f1", -3.15m)], Imported);

        var (twice, changed) = SettlementFees.Apply(once, [Fee("f1", -3.15m)], Imported.AddDays(1));

        Assert.False(changed);
        Assert.Same(once, twice);
    }

    [Fact]
    public void FeeGivenBackOnARefund_IsANegativeChargedFee()
    {
        var (order, _) = SettlementFees.Apply(Order(), [Fee("f1", 0.40m)], Imported);

        Assert.Equal(-0.40m, Assert.Single(order.Fees).Amount);
    }

    [Fact]
    public void FeeInAnotherCurrency_IsRefusedNamingTheRow()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SettlementFees.Apply(Order(), [Fee("f1", -1m) with { Currency = "EUR" }], Imported));

        Assert.Contains("f1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewerWebhookSnapshot_WithoutFees_KeepsTheSettlementFees()
    {
        var (withFees, _) = SettlementFees.Apply(Order(), [Fee("f1", -3.15m)], Imported);
        var snapshot = Order() with { ChannelStatus = "shipped", Version = new OrderVersion(Imported.AddHours(1)) };

        var (merged, changed) = OrderFacts.Merge(snapshot, withFees);

        Assert.True(changed);
        Assert.Equal("settlement:amazon:f1", Assert.Single(merged.Fees).SourceId);
        Assert.False(OrderFacts.Merge(merged, withFees).Changed);
    }

    private static Order Order() => new()
    {
        BrandId = "acme",
        Channel = SalesChannel.Amazon,
        ChannelAccountId = "SELLER",
        ExternalOrderId = "9001",
        Status = OrderStatus.AwaitingFulfilment,
        ChannelStatus = "Unshipped",
        Currency = "USD",
        Lines = [new OrderLine("L1", "SKU-A", null, 1, 40m, 0m, 0m), new OrderLine("L2", "SKU-B", null, 1, 20m, 0m, 0m)],
        PlacedAt = Placed,
        Version = new OrderVersion(Placed),
    };

    private static SettlementLine Fee(string id, decimal amount, string? lineId = null, string? sku = null) =>
        new(SalesChannel.Amazon, "SELLER", id, "P-1", "9001", SettlementKind.Fee, amount, "USD", Placed.AddDays(1)) { FeeType = "Commission", LineId = lineId, Sku = sku };

    private static SettlementLine Sale(string id, decimal amount) =>
        new(SalesChannel.Amazon, "SELLER", id, "P-1", "9001", SettlementKind.Sale, amount, "USD", Placed.AddDays(1));
}
