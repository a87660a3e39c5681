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

    /// <summary>The flow's attempt (<see cref="OrderFlowState.Attempt"/>); 0 in statuses written before it was kept.</summary>
    public int Attempt { get; init; }

    /// <summary>
    /// The movements sent whose result is not in yet (<see cref="OrderFlowState.Pending"/>), written before they are sent:
    /// a restart of a failed or terminated flow applies them again under their own causes before it plans anything.
    /// </summary>
    public IReadOnlyList<PlannedMovement> Pending { get; init; } = [];

    /// <summary>Whether the price check ran (<see cref="OrderFlowState.PriceChecked"/>); false in statuses written before it was kept.</summary>
    public bool PriceChecked { get; init; }

    /// <summary>
    /// Whether the order is held for its price until the pricing owner releases it (<see cref="OrderFlowState.PriceHeld"/>):
    /// with <see cref="PriceChecked"/>, what a restart carries so it neither checks the price again nor undoes a release.
    /// </summary>
    public bool PriceHeld { get; init; }

    /// <summary>Whether the price check raised the order's price alerts (<see cref="OrderFlowState.PriceAlerted"/>).</summary>
    public bool PriceAlerted { get; init; }

    public static OrderFlowStatus Of(OrderFlowState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(
            state.Stage, state.ExceptionStep, state.ExceptionCause, state.ShipBy, state.SlaAlerted, state.SlaEscalated, state.DeliveredSeenAt,
            state.Execution, new Dictionary<string, LineLedger>(state.Lines, StringComparer.Ordinal), state.Pending.Count, [.. state.Steps])
        {
            Acknowledged = state.Acknowledged,
            Attempt = state.Attempt,
            Pending = [.. state.Pending],
            PriceChecked = state.PriceChecked,
            PriceHeld = state.PriceHeld,
            PriceAlerted = state.PriceAlerted,
        };
    }
}
