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

    private static List<string> Steps(JsonElement status) =>
        [.. status.GetProperty("Steps").EnumerateArray().Select(s => s.GetProperty("Step").GetString()!)];
}
