namespace ServerlessOps.Domain.Inventory.Availability;

/// <summary>
/// Units reserved at one SKU and location, per UTC minute over the last hour and per UTC hour over the last day. The
/// ledger keeps it in the balance, which every reservation writes anyway, so a sales velocity costs no read of the
/// ledger's entries (a push used to read every reservation of the window: hundreds of documents for a busy SKU).
/// A window up to an hour is measured at minute resolution, a longer one (up to a day) at hour resolution: from the
/// start of the bucket the window begins in, so over at most one bucket more than the window.
/// </summary>
public sealed record ReservationRollup
{
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>How far back minute buckets are kept.</summary>
    public static readonly TimeSpan MinutesKept = TimeSpan.FromHours(1);

    /// <summary>How far back hour buckets are kept: the longest window it can measure.</summary>
    public static readonly TimeSpan HoursKept = TimeSpan.FromDays(1);

    /// <summary>
    /// Every reservation since this instant is counted: <see cref="DateTimeOffset.MinValue"/> for a balance counted from
    /// its first movement, the first write after the upgrade for one written before the rollup existed.
    /// </summary>
    public DateTimeOffset CountingSince { get; init; } = DateTimeOffset.MinValue;

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<ReservedUnits> Minutes { get; init; } = [];

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<ReservedUnits> Hours { get; init; } = [];

    /// <summary>A rollup that counts nothing yet and covers no window (a balance written before the rollup existed).</summary>
    public static ReservationRollup NotCounting { get; } = new() { CountingSince = DateTimeOffset.MaxValue };

    /// <summary>This rollup with <paramref name="units"/> reserved at <paramref name="at"/>, buckets past their keep dropped.</summary>
    public ReservationRollup Add(DateTimeOffset at, long units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        return this with
        {
            Minutes = AddTo(Minutes, Floor(at, Minute), units, Floor(at - MinutesKept, Minute)),
            Hours = AddTo(Hours, Floor(at, Hour), units, Floor(at - HoursKept, Hour)),
        };
    }

    /// <summary>Whether every reservation of the <paramref name="window"/> ending at <paramref name="now"/> is counted here.</summary>
    public bool Covers(DateTimeOffset now, TimeSpan window) =>
        window <= HoursKept && CountingSince <= WindowStart(now, window);

    /// <summary>Units reserved per second over the <paramref name="window"/> ending at <paramref name="now"/>, from its first bucket's start.</summary>
    public decimal PerSecond(DateTimeOffset now, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, HoursKept);
        var from = WindowStart(now, window);
        var buckets = window <= MinutesKept ? Minutes : Hours;
        var units = buckets.Where(b => b.Start >= from && b.Start <= now).Sum(b => b.Units);
        return units / (decimal)(now - from).TotalSeconds;
    }

    /// <summary>Where the measure of a <paramref name="window"/> ending at <paramref name="now"/> starts: the start of the bucket now − window falls in.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now, TimeSpan window) =>
        Floor(now - window, window <= MinutesKept ? Minute : Hour);

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan unit) =>
        new(at.UtcTicks - (at.UtcTicks % unit.Ticks), TimeSpan.Zero);

    private static List<ReservedUnits> AddTo(IReadOnlyList<ReservedUnits> buckets, DateTimeOffset start, long units, DateTimeOffset keepFrom)
    {
        var kept = buckets.Where(b => b.Start >= keepFrom).ToList();
        var index = kept.FindIndex(b => b.Start == start);
        if (index >= 0)
        {
            kept[index] = kept[index] with { Units = kept[index].Units + units };
        }
        else
        {
            // Decisions are taken in order per balance, so a new bucket is nearly always the newest; a clock behind the last
            // writer's puts it in its place.
            kept.Add(new ReservedUnits(start, units));
            kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        }

        return kept;
    }
}
