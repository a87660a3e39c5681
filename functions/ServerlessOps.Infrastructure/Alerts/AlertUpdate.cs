using ServerlessOps.Domain.Alerts;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>What <see cref="AlertUpdater"/> did: no such alert, a refusal (why), or the alert as stored.</summary>
public sealed record AlertUpdate(Alert? Alert, string? Refusal)
{
    public static AlertUpdate NotFound { get; } = new(null, null);

    public bool Found => Alert is not null || Refusal is not null;
}
