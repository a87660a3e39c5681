using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>What one run did for one channel account.</summary>
/// <param name="Listed">Order changes the channel listed in the window (the overlap's repeats included).</param>
/// <param name="AlreadyConverged">Of those, orders the truth already held at that version (or newer).</param>
/// <param name="Recovered">Order ids the backstop converged because no webhook had brought that version.</param>
/// <param name="Late">Order ids whose webhook came later than <see cref="BackstopOptions.LateAfter"/> after the change.</param>
/// <param name="History">Of <paramref name="Recovered"/>, those placed before the brand's go-live (converged, flagged, no flow).</param>
/// <param name="WatermarkAdvanced">False when the run failed, reached its page limit or another run moved the watermark first.</param>
/// <param name="WebhooksStoppedAlert">What raising <see cref="Domain.Alerts.AlertKind.WebhooksStopped"/> did (Repeated: the
/// owner is not told again); null when this run raised none.</param>
/// <param name="Error">Why the account's run stopped early (the next run reads the same window again); null when it did not.</param>
public sealed record BackstopAccountReport(
    string BrandId,
    SalesChannel Channel,
    string AccountId,
    DateTimeOffset From,
    DateTimeOffset Until,
    int Pages,
    int Listed,
    int AlreadyConverged,
    IReadOnlyList<string> Recovered,
    IReadOnlyList<string> Late,
    IReadOnlyList<string> History,
    bool WatermarkAdvanced,
    AlertRaiseOutcome? WebhooksStoppedAlert,
    string? Error);
