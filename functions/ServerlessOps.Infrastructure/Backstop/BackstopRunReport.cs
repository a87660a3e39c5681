namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>What one backstop run did, per channel account, in the order the accounts were run.</summary>
public sealed record BackstopRunReport(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<BackstopAccountReport> Accounts)
{
    public int Recovered => Accounts.Sum(a => a.Recovered.Count);

    public int Late => Accounts.Sum(a => a.Late.Count);

    public int Failed => Accounts.Count(a => a.Error is not null);
}
