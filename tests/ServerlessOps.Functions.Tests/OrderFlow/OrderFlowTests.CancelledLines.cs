using System.Text.Json;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>Lines cancelled before the flow saw them.</summary>
public sealed partial class OrderFlowTests
{
    /// <summary>
    /// A line fully cancelled before the flow saw it names a SKU the catalog does not map: nothing of it is to be
    /// reserved or shipped, so the order is reserved and followed as usual. It used to go to the exception path for an
    /// unmapped SKU, leaving its other lines unreserved.
    /// </summary>
    [Fact]
    public async Task UnmappedSkuOnAFullyCancelledLine_DoesNotStopTheOrder()
    {
        await using var flow = Start(out var catalog);
        catalog.Map("SKU-A", Warehouse);
        await flow.ReceiveAsync("SKU-A", 10);
        var order = Next(
            Order("1054", ("L1", "SKU-A", 1, 20m), ("L2", "NOT-IN-CATALOG", 1, 20m)),
            lines => [lines[0], lines[1] with { QuantityCancelled = 1 }]);

        await flow.ConvergeAsync(order);

        var status = JsonDocument.Parse(await flow.WaitForStatusAsync(
            order, s => s.GetProperty("Stage").GetInt32() != (int)FlowStage.New && s.GetProperty("PendingMovements").GetInt32() == 0, "the flow past validation")).RootElement;
        Assert.Equal(FlowStage.Active, (FlowStage)status.GetProperty("Stage").GetInt32());
        await flow.WaitForBalanceAsync("SKU-A", onHand: 10, reserved: 1);
        Assert.Empty(await flow.Exceptions.ListOpenAsync(Brand, Token));
    }
}
