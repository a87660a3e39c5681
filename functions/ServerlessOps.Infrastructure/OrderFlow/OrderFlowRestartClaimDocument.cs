namespace ServerlessOps.Infrastructure.OrderFlow;

/// <summary>
/// A claim on restarting one ended run of an order's flow, in container <c>alerts</c> beside the order's flow end:
/// id <c>flow-restart:{order id}:{ended at, UTC ticks}</c> (Cosmos-safe), partition <c>{brandId}</c>, type
/// <c>flowRestart</c>. Created once, never changed: it also records who restarted the run and when.
/// </summary>
public sealed class OrderFlowRestartClaimDocument
{
    public const string DocumentType = "flowRestart";

    public required string Id { get; init; }

    /// <summary>The brand id.</summary>
    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required string OrderId { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public required string ClaimedBy { get; init; }

    public required DateTimeOffset ClaimedAt { get; init; }

    public static string IdFor(string orderId, DateTimeOffset endedAt) =>
        Cosmos.CosmosIds.Encode($"flow-restart:{orderId}:{endedAt.UtcTicks}");
}
