using System.Text.Json;
using Microsoft.DurableTask.Client;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// The stuck-flow finder's verdict on one instance, as the engine reports it. Pure: no engine; the whole finder runs on
/// the real engine in <c>OrderFlowTests.StuckFinder_*</c>.
/// </summary>
public sealed class FindStuckOrderFlowsVerdictTests
{
    private static readonly DateTimeOffset Before = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Why_PendingWithoutAStatus_CreatedButNeverStarted()
    {
        Assert.Equal("created but never started", FindStuckOrderFlows.Why(Instance(OrchestrationRuntimeStatus.Pending, status: null), Before));
    }

    [Fact]
    public void Why_PendingButWithTheFlowsActiveStatus_NotStuck_TheEnginesRowIsStale()
    {
        // The engine left the row at Pending (its first commit failed between history and row) while the flow ran on.
        Assert.Null(FindStuckOrderFlows.Why(Instance(OrchestrationRuntimeStatus.Pending, Status(FlowStage.Active, pendingMovements: 0)), Before));
    }

    [Fact]
    public void Why_PendingButWithAStatusStillAtNew_JudgedLikeARunningFlow()
    {
        Assert.Equal(
            FindStuckOrderFlows.Why(Instance(OrchestrationRuntimeStatus.Running, Status(FlowStage.New, 0)), Before),
            FindStuckOrderFlows.Why(Instance(OrchestrationRuntimeStatus.Pending, Status(FlowStage.New, 0)), Before));
        Assert.Equal("not past validation and reservation", FindStuckOrderFlows.Why(Instance(OrchestrationRuntimeStatus.Pending, Status(FlowStage.New, 0)), Before));
    }

    [Fact]
    public void Why_PendingWithTheEnginesNullStatus_CreatedButNeverStarted()
    {
        Assert.Equal("created but never started", FindStuckOrderFlows.Why(Instance(OrchestrationRuntimeStatus.Pending, "null"), Before));
    }

    [Fact]
    public void Why_TerminatedHoldingReservedUnits_IsStuck_NamingTheUnits()
    {
        var lines = new Dictionary<string, LineLedger>(StringComparer.Ordinal) { ["L1"] = new(Reserved: 3, Committed: 1) };

        var why = FindStuckOrderFlows.Why(Instance(OrchestrationRuntimeStatus.Terminated, Status(FlowStage.Active, 0, lines)), Before);

        Assert.Equal("terminated while holding 2 reserved unit(s): no flow will ship or release them", why);
    }

    [Fact]
    public void Why_TerminatedHoldingNothing_NotStuck()
    {
        var lines = new Dictionary<string, LineLedger>(StringComparer.Ordinal) { ["L1"] = new(Reserved: 2, Released: 2) };

        Assert.Null(FindStuckOrderFlows.Why(Instance(OrchestrationRuntimeStatus.Terminated, Status(FlowStage.Active, 0, lines)), Before));
        Assert.Null(FindStuckOrderFlows.Why(Instance(OrchestrationRuntimeStatus.Terminated, status: null), Before));
    }

    private static OrchestrationMetadata Instance(OrchestrationRuntimeStatus runtimeStatus, string? status) =>
        new(nameof(OrderFlowOrchestrator), OrderFlowIds.Prefix + "acme:Shopify:1001")
        {
            RuntimeStatus = runtimeStatus,
            CreatedAt = Before.AddDays(-1),
            LastUpdatedAt = Before.AddHours(-1),
            SerializedCustomStatus = status,
        };

    private static string Status(FlowStage stage, int pendingMovements, Dictionary<string, LineLedger>? lines = null) => JsonSerializer.Serialize(
        new OrderFlowStatus(stage, null, null, null, false, false, null, 0, lines ?? new Dictionary<string, LineLedger>(StringComparer.Ordinal), pendingMovements, []));
}
