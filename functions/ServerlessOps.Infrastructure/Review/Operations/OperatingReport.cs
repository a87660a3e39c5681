using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>
/// A daily or weekly report: the period's figures by channel against the month's target pro rata, the missed-webhook
/// backstop's counts, open alerts and the alert rules checked. Base currency, rounded to cents once; deterministic for
/// the same truth (no clock reading inside).
/// </summary>
/// <param name="Period"><c>2026-11-30</c> or <c>2026-W48</c> (ISO week), the brand's time zone.</param>
/// <param name="Channels">Per channel with orders, a target or backstop counts; by channel.</param>
/// <param name="OpenAlerts">The brand's alerts unresolved at <paramref name="Until"/> per kind (<see cref="AlertsOpenAt"/>: raised by then
/// and not resolved by then, acknowledged or not, all under state Open), whenever the report is written.</param>
/// <param name="RulesBreached">Alert rules of the latest roadmap that failed (daily only).</param>
public sealed record OperatingReport(
    string BrandId,
    string BrandName,
    ReportKind Kind,
    string Period,
    string TimeZone,
    string Currency,
    DateTimeOffset From,
    DateTimeOffset Until,
    IReadOnlyList<OperatingChannelLine> Channels,
    OperatingChannelLine Total,
    IReadOnlyList<AlertCount> OpenAlerts,
    int RulesChecked,
    IReadOnlyList<string> RulesBreached);

/// <summary>
/// One channel (or the total, <paramref name="Channel"/> null) in a daily or weekly report.
/// </summary>
/// <param name="TargetRevenue">The month's target × the period's days in the month / the month's days; null without a target.</param>
/// <param name="MissedOrders">Order changes no webhook brought, recovered by the backstop, on the period's days (UTC days of the same dates).</param>
/// <param name="LateOrders">Order changes whose webhook came later than the backstop's limit, same days.</param>
public sealed record OperatingChannelLine(
    SalesChannel? Channel,
    int Orders,
    int Units,
    decimal Revenue,
    decimal? TargetRevenue,
    decimal? VersusTarget,
    int MissedOrders,
    int LateOrders);
