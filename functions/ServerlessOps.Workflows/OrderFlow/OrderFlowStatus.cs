namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>
/// The flow's custom status, written after every step: where it stands, what each line moved, and the recent steps.
/// <c>GET /api/brands/{brandId}/orders/{channel}/{orderId}/flow</c> shows it.
/// </summary>
public sealed record OrderFlowStatus(
    FlowStage Stage,
    string? ExceptionStep,
    string? ExceptionCause,
    DateTime? ShipBy,
    bool SlaAlerted,
    bool SlaEscalated,
    DateTime? DeliveredSeenAt,
    int Execution,
    IReadOnlyDictionary<string, LineLedger> Lines,
    int PendingMovements,
    IReadOnlyList<FlowStep> Steps)
{
    /// <summary>Whether the channel was told the order will be fulfilled (Walmart's acknowledgement).</summary>
    public bool Acknowledged { get; init; }

    public static OrderFlowStatus Of(OrderFlowState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(
            state.Stage, state.ExceptionStep, state.ExceptionCause, state.ShipBy, state.SlaAlerted, state.SlaEscalated, state.DeliveredSeenAt,
            state.Execution, new Dictionary<string, LineLedger>(state.Lines, StringComparer.Ordinal), state.Pending.Count, [.. state.Steps])
        {
            Acknowledged = state.Acknowledged,
        };
    }
}
