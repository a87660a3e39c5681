using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Domain.Tests.Inventory;

public sealed class StockMovementRulesTests
{
    private static readonly StockBalance Balance = new("brand-a", "SKU-1", "wh", OnHand: 10, Reserved: 4);

    private static StockMovement Move(StockMovementKind kind, int quantity) => new("brand-a", "SKU-1", "wh", kind, quantity, "cause:1");

    [Theory]
    [InlineData(StockMovementKind.Reserve, 6, 0, 6, false)]
    [InlineData(StockMovementKind.ReserveShipped, 9, 0, 9, false)]
    [InlineData(StockMovementKind.Release, 3, 0, -3, false)]
    [InlineData(StockMovementKind.Release, 9, 0, -4, true)]
    [InlineData(StockMovementKind.Commit, 4, -4, -4, false)]
    [InlineData(StockMovementKind.Commit, 6, -6, -4, true)]
    [InlineData(StockMovementKind.Commit, 12, -10, -4, true)]
    [InlineData(StockMovementKind.Receipt, 5, 5, 0, false)]
    [InlineData(StockMovementKind.Return, 1, 1, 0, false)]
    [InlineData(StockMovementKind.Count, 7, -3, 0, false)]
    [InlineData(StockMovementKind.Count, 0, -10, 0, false)]
    [InlineData(StockMovementKind.Count, 15, 5, 0, false)]
    [InlineData(StockMovementKind.Adjustment, -3, -3, 0, false)]
    [InlineData(StockMovementKind.Adjustment, -12, -10, 0, true)]
    [InlineData(StockMovementKind.Adjustment, 2, 2, 0, false)]
    public void Decide_EachKind_AppliesItsRuleAndNeverGoesBelowZero(StockMovementKind kind, int quantity, int onHandDelta, int reservedDelta, bool clamped)
    {
        var decision = StockMovementRules.Decide(Balance, Move(kind, quantity));

        Assert.Equal(new StockDecision(StockApplyOutcome.Applied, onHandDelta, reservedDelta, clamped), decision);
        var after = decision.ApplyTo(Balance);
        Assert.True(after.OnHand >= 0 && after.Reserved >= 0, $"{after}");
    }

    [Fact]
    public void Decide_ReserveBeyondAvailable_IsInsufficientAndChangesNothing()
    {
        var decision = StockMovementRules.Decide(Balance, Move(StockMovementKind.Reserve, 7));

        Assert.Equal(new StockDecision(StockApplyOutcome.Insufficient, 0, 0, false), decision);
        Assert.Equal(Balance, decision.ApplyTo(Balance));
    }

    [Theory]
    [InlineData(StockMovementKind.Reserve, 0)]
    [InlineData(StockMovementKind.ReserveShipped, 0)]
    [InlineData(StockMovementKind.Release, -1)]
    [InlineData(StockMovementKind.Commit, 0)]
    [InlineData(StockMovementKind.Receipt, 0)]
    [InlineData(StockMovementKind.Return, -2)]
    [InlineData(StockMovementKind.Count, -1)]
    [InlineData(StockMovementKind.Adjustment, 0)]
    public void Validate_QuantityOutsideTheKindsRange_ThrowsNamingKindAndQuantity(StockMovementKind kind, int quantity)
    {
        var error = Assert.Throws<ArgumentException>(() => StockMovementRules.Validate(Move(kind, quantity)));

        Assert.Contains(kind.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingCause_Throws()
    {
        Assert.Throws<ArgumentException>(() => StockMovementRules.Validate(Move(StockMovementKind.Receipt, 1) with { Cause = " " }));
    }
}
