using ServerlessOps.Domain.Catalog;

namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>
/// What an order flow remembers across wakes and across continue-as-new: the stage, each line's catalog facts and
/// ledger totals, movements sent but not confirmed, which alerts were raised, and the recent step history. Changed
/// only by orchestrator code from recorded activity results, so replays rebuild it exactly.
/// </summary>
public sealed class OrderFlowState
{
    /// <summary>Steps kept in the history; older ones drop off.</summary>
    public const int MaxSteps = 30;

    public FlowStage Stage { get; set; } = FlowStage.New;

    /// <summary>Catalog facts per channel SKU, resolved once (again for a SKU that appears later).</summary>
    public Dictionary<string, FlowCatalogLine> Catalog { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The channel's fee rules at the order's time, from the first catalog resolution.</summary>
    public List<FeeRule> Fees { get; set; } = [];

    /// <summary>Ledger totals per line id.</summary>
    public Dictionary<string, LineLedger> Lines { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Movements handed to an activity whose result is not in yet (its retries ran out): applied again, under the same
    /// causes, before anything new is planned, so the ledger and <see cref="Lines"/> agree before the next decision.
    /// </summary>
    public List<PlannedMovement> Pending { get; set; } = [];

    /// <summary>The step and cause of the open exception, while <see cref="Stage"/> is <see cref="FlowStage.Exception"/>.</summary>
    public string? ExceptionStep { get; set; }

    public string? ExceptionCause { get; set; }

    /// <summary>The SLA deadline, set once validated: the channel's ship-by, else placed + the brand's ship-within.</summary>
    public DateTime? ShipBy { get; set; }

    /// <summary>1, and one more for every retry from the exception path: reservations name it in their causes.</summary>
    public int Attempt { get; set; } = 1;

    public bool SlaAlerted { get; set; }

    public bool SlaEscalated { get; set; }

    /// <summary>Whether the pricing check ran (once per flow, on the prices the order was placed at).</summary>
    public bool PriceChecked { get; set; }

    /// <summary>
    /// Whether the order is held for its price (<see cref="ServerlessOps.Domain.Brands.PriceBreachAction.Hold"/>) until the
    /// pricing owner releases it: kept while the flow is on its exception path, so a retry past the exception returns the
    /// order to <see cref="FlowStage.Held"/>, not to <see cref="FlowStage.Active"/>.
    /// </summary>
    public bool PriceHeld { get; set; }

    /// <summary>
    /// Whether the price check raised the order's price alerts (<c>price-below-floor</c>, <c>contribution-negative</c>):
    /// they are resolved when the flow ends, as nothing about the order's price can change or matter after that.
    /// </summary>
    public bool PriceAlerted { get; set; }

    /// <summary>Whether the channel was told the order will be fulfilled (<see cref="ServerlessOps.Domain.Orders.OrderAcknowledgement"/>).</summary>
    public bool Acknowledged { get; set; }

    /// <summary>When the flow first saw the order delivered (orchestration time); the return window runs from here.</summary>
    public DateTime? DeliveredSeenAt { get; set; }

    /// <summary>Executions so far (1 + continue-as-new count), for the status.</summary>
    public int Execution { get; set; } = 1;

    public List<FlowStep> Steps { get; set; } = [];

    public void Record(DateTime at, string step, string detail)
    {
        Steps.Add(new FlowStep(at, step, detail));
        if (Steps.Count > MaxSteps)
        {
            Steps.RemoveRange(0, Steps.Count - MaxSteps);
        }
    }
}
