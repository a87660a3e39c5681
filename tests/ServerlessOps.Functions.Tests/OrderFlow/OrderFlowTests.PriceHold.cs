using System.Text.Json;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>A pricing hold across the exception path.</summary>
public sealed partial class OrderFlowTests
{
    /// <summary>
    /// An order held for a price below its floor gains a line whose SKU is not mapped yet: the exception path. Once the
    /// SKU is mapped, the retry route gets the order past its exception, and it is still held: only the pricing owner
    /// releases a hold. The retry used to make it active, as if no price had breached.
    /// </summary>
    [Fact]
    public async Task HeldForPrice_ThenRetriedPastAnException_StaysHeld()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse, unitCost: 10m);
        await flow.ReceiveAsync("SKU-A", 10);
        await flow.ReceiveAsync("SKU-C", 10);
        var order = Order("1052", ("L1", "SKU-A", 2, 9m));
        await flow.ConvergeAsync(order);
        await flow.WaitForStatusAsync(order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Held, "the pricing hold");

        await flow.ConvergeAsync(Next(order, lines => [.. lines, new OrderLine("L2", "SKU-C", null, 1, 20m, 0m, 0m)]));
        Assert.Equal("unmapped-sku", (await flow.WaitForOpenExceptionAsync(order)).Cause);
        catalog.Map("SKU-C", Warehouse);
        await RetryAsync(flow, order);

        var status = JsonDocument.Parse(await flow.WaitForStatusAsync(
            order, s => Steps(s).Contains("exception-resolved") && s.GetProperty("PendingMovements").GetInt32() == 0, "the retry past the exception")).RootElement;
        Assert.Equal(FlowStage.Held, (FlowStage)status.GetProperty("Stage").GetInt32());
        await flow.WaitForBalanceAsync("SKU-C", onHand: 10, reserved: 1);
    }

    /// <summary>
    /// The pricing owner releases an order held for its price; the flow is then terminated and restarted from the retry
    /// route. It stays released and checks the price no more: the restart used to forget the check and the release,
    /// check the price again and hold the order a second time.
    /// </summary>
    [Fact]
    public async Task HoldReleasedByTheOwner_ThenTerminatedAndRestarted_StaysReleased()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse, unitCost: 10m);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1054", ("L1", "SKU-A", 2, 9m));
        await flow.ConvergeAsync(order);
        await flow.WaitForStatusAsync(order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Held, "the pricing hold");
        await RetryAsync(flow, order);
        await flow.WaitForStatusAsync(order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Active, "the hold released");

        await TerminateAsync(flow, order);
        await RetryAsync(flow, order);

        var status = await WaitForRestartSettledAsync(flow, order);
        Assert.Equal(FlowStage.Active, (FlowStage)status.GetProperty("Stage").GetInt32());
        Assert.Equal(1, Steps(status).Count(s => s == "price-breach"));
    }

    /// <summary>An order held for its price is terminated and restarted from the retry route: still held, priced once.</summary>
    [Fact]
    public async Task HeldForPrice_ThenTerminatedAndRestarted_StaysHeld_WithoutCheckingThePriceAgain()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse, unitCost: 10m);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Order("1055", ("L1", "SKU-A", 2, 9m));
        await flow.ConvergeAsync(order);
        await flow.WaitForStatusAsync(
            order, s => s.GetProperty("Stage").GetInt32() == (int)FlowStage.Held && s.GetProperty("PendingMovements").GetInt32() == 0, "the pricing hold");

        await TerminateAsync(flow, order);
        await RetryAsync(flow, order);

        var status = await WaitForRestartSettledAsync(flow, order);
        Assert.Equal(FlowStage.Held, (FlowStage)status.GetProperty("Stage").GetInt32());
        Assert.Equal(1, Steps(status).Count(s => s == "price-breach"));
    }

    private static List<string> Steps(JsonElement status) =>
        [.. status.GetProperty("Steps").EnumerateArray().Select(s => s.GetProperty("Step").GetString()!)];
}
