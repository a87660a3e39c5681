using System.Globalization;

namespace ServerlessOps.Domain.Inventory.Availability;

/// <summary>
/// The quantity one channel listing should show, and why: max(0, available at its stock location − buffer), capped at
/// the channel's allocation when the brand sets one.
/// </summary>
/// <param name="Quantity">What to push.</param>
/// <param name="Available">On hand − reserved at the listing's stock location, as the ledger holds it.</param>
/// <param name="Buffer">The units held back and their inputs.</param>
/// <param name="Allocation">The most units this channel may show, when the brand caps it; null when uncapped.</param>
public sealed record ListingQuantity(int Quantity, int Available, PushBuffer Buffer, int? Allocation)
{
    /// <summary>One line for people: <c>available 40 − buffer 3 (max(static 2, ⌈0.5/s × 5.2 s⌉ = 3)) = 37, capped at allocation 30 → 30</c>.</summary>
    public string Why
    {
        get
        {
            var velocity = Buffer.SalesPerSecond.ToString("0.####", CultureInfo.InvariantCulture);
            var latency = Buffer.PushLatency.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            var uncapped = Math.Max(0, Available - Buffer.Units);
            var why = string.Create(
                CultureInfo.InvariantCulture,
                $"available {Available} − buffer {Buffer.Units} (max(static {Buffer.StaticMinimum}, ⌈{velocity}/s × {latency} s{(Buffer.LatencyMeasured ? string.Empty : " default")}⌉ = {Buffer.RiskUnits})) = {uncapped}");
            return Allocation is { } cap && cap < uncapped
                ? string.Create(CultureInfo.InvariantCulture, $"{why}, capped at allocation {cap} → {Quantity}")
                : why;
        }
    }

    /// <summary>The quantity for <paramref name="available"/> units less <paramref name="buffer"/>, within <paramref name="allocation"/>.</summary>
    public static ListingQuantity Compute(int available, PushBuffer buffer, int? allocation = null)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(available);
        if (allocation is { } cap)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cap, nameof(allocation));
        }

        var quantity = Math.Max(0, available - buffer.Units);
        if (allocation is { } limit)
        {
            quantity = Math.Min(quantity, limit);
        }

        return new ListingQuantity(quantity, available, buffer, allocation);
    }
}
