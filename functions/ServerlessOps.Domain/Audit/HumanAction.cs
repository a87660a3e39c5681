namespace ServerlessOps.Domain.Audit;

/// <summary>
/// One thing a person did to a brand through the API: who (the signed-in caller's name and the roles it held), when,
/// and what (<see cref="Kind"/>, the brand, the <see cref="Subject"/> acted on and a short <see cref="Detail"/>).
/// Never a secret, a token or a buyer's personal data: subjects are ids (SKU, order id, alert id, delivery key) and
/// details are figures and outcomes. Where a feature keeps its own record of the same fact (a price override, a
/// ledger entry, a report link, a registry audit entry, an import record), <see cref="Reference"/> names it rather
/// than copying it.
/// </summary>
public sealed record HumanAction
{
    public required string BrandId { get; init; }

    /// <summary>What was done: one of <see cref="HumanActionKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>What it was done to, by id (empty when the action concerns the brand as a whole).</summary>
    public required string Subject { get; init; }

    /// <summary>A short description of the outcome, at most <see cref="MaxDetailLength"/> characters.</summary>
    public required string Detail { get; init; }

    /// <summary>The caller's name (an API key's name or the Entra principal's), never a credential.</summary>
    public required string By { get; init; }

    /// <summary>The roles the caller held, lower case.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The route that did it (the function name).</summary>
    public required string Route { get; init; }

    /// <summary>The feature's own record of the same fact, when it keeps one (e.g. <c>inventoryLedger:{entry id}</c>).</summary>
    public string? Reference { get; init; }

    public const int MaxDetailLength = 300;

    /// <summary>The UTC day the action belongs to, as the audit route reads it.</summary>
    public DateOnly Day => DateOnly.FromDateTime(At.UtcDateTime);
}
