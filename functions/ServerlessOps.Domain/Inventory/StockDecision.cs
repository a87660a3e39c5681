namespace ServerlessOps.Domain.Inventory;

/// <summary>
/// What one movement does to one balance, decided by <see cref="StockMovementRules.Decide"/> against the balance as it
/// stands: refused (a reservation beyond what is available), or the change to on hand and reserved it makes.
/// </summary>
/// <param name="Outcome"><see cref="StockApplyOutcome.Applied"/>, <see cref="StockApplyOutcome.Insufficient"/> or (a count) <see cref="StockApplyOutcome.Superseded"/>.</param>
/// <param name="OnHandDelta">Units added to on hand (negative to take away); 0 when refused.</param>
/// <param name="ReservedDelta">Units added to reserved; 0 when refused.</param>
/// <param name="Clamped">
/// The movement asked for more than the balance held and was cut to what it held: a release or commit beyond reserved, a
/// commit or negative adjustment beyond on hand. The deltas are what was applied, not what was asked.
/// </param>
public readonly record struct StockDecision(StockApplyOutcome Outcome, int OnHandDelta, int ReservedDelta, bool Clamped)
{
    public bool IsApplied => Outcome == StockApplyOutcome.Applied;

    /// <summary>The balance after this decision (unchanged when refused).</summary>
    public StockBalance ApplyTo(StockBalance balance)
    {
        ArgumentNullException.ThrowIfNull(balance);
        return balance with { OnHand = balance.OnHand + OnHandDelta, Reserved = balance.Reserved + ReservedDelta };
    }
}
