using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>What one run of one account has seen so far: its window, counts, and per UTC day the order changes to roll up.</summary>
internal sealed class BackstopAccountRun(ChannelAccount account, DateTimeOffset from, DateTimeOffset until)
{
    public ChannelAccount Account { get; } = account;

    public DateTimeOffset From { get; } = from;

    public DateTimeOffset Until { get; } = until;

    public int Pages { get; set; }

    public int Listed { get; set; }

    public int AlreadyConverged { get; set; }

    public int WebhooksSeen { get; set; }

    public List<string> Recovered { get; } = [];

    /// <summary>
    /// The window's changes no webhook brought: this run's recoveries, and those an earlier run recovered and this run
    /// lists again (a failed run's rerun, the overlap). What the webhooks-stopped decision weighs.
    /// </summary>
    public List<(string OrderId, DateTimeOffset ChangedAt)> MissedChanges { get; } = [];

    public List<string> Late { get; } = [];

    public List<string> History { get; } = [];

    /// <summary>Per UTC day, the order changes not yet added to the day's rollup (written page by page, then cleared).</summary>
    public SortedDictionary<DateOnly, (List<string> Missed, List<string> Late, List<string> History)> Days { get; } = [];

    public void Add(DateOnly day, string? missed = null, string? late = null, string? history = null)
    {
        if (!Days.TryGetValue(day, out var found))
        {
            found = ([], [], []);
            Days[day] = found;
        }

        if (missed is not null)
        {
            found.Missed.Add(missed);
        }

        if (late is not null)
        {
            found.Late.Add(late);
        }

        if (history is not null)
        {
            found.History.Add(history);
        }
    }

    public BackstopAccountReport Report(bool watermarkAdvanced, AlertRaiseOutcome? alert, string? error) =>
        new(Account.BrandId, Account.Channel, Account.AccountId, From, Until, Pages, Listed, AlreadyConverged,
            [.. Recovered.Distinct(StringComparer.Ordinal)], [.. Late.Distinct(StringComparer.Ordinal)], [.. History.Distinct(StringComparer.Ordinal)],
            watermarkAdvanced, alert, error);
}
