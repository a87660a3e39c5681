using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Backstop;
using ServerlessOps.Infrastructure.Telemetry;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Every 15 minutes, the missed-webhook backstop for every connected channel account (<see cref="MissedWebhookBackstop"/>):
/// orders changed since each account's watermark that no webhook brought are converged, counted per channel and day,
/// and a channel whose webhooks stopped raises an alert. Peers poll every 10-15 minutes (issue 15); Amazon's getOrders
/// burst of 20 refills in 20 minutes at its 0.0167/s, enough for a few pages per run. <c>Backstop:TimerEnabled=false</c>
/// leaves it to the operations route.
/// </summary>
public sealed partial class RunMissedWebhookBackstop : ITimerFunction
{
    /// <summary>Minutes 4, 19, 34, 49 (NCRONTAB with seconds, UTC): away from the 5-minute sweeps on 0, 2, 5, 7...</summary>
    public const string Cron = "0 4-59/15 * * * *";

    private readonly MissedWebhookBackstop _backstop;
    private readonly IOptionsMonitor<BackstopOptions> _options;
    private readonly OperatorMetrics _metrics;
    private readonly ILogger<RunMissedWebhookBackstop> _logger;

    public RunMissedWebhookBackstop(MissedWebhookBackstop backstop, IOptionsMonitor<BackstopOptions> options, OperatorMetrics metrics, ILogger<RunMissedWebhookBackstop> logger)
    {
        _backstop = backstop;
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    public string Name => nameof(RunMissedWebhookBackstop);

    public string Schedule => Cron;

    [Function(nameof(RunMissedWebhookBackstop))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        OrderFlow.DurableClientScope.RunAsync(client, () => RunAsync(cancellationToken));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_options.CurrentValue.TimerEnabled)
        {
            return;
        }

        var report = await _backstop.RunAsync(brandId: null, cancellationToken);
        Ran(report.Accounts.Count, report.Recovered, report.Late, report.Failed);
        _metrics.Report(OperatorSignalNames.WebhooksStopped, WebhooksStopped(report), StoppedFreshFor);
    }

    /// <summary>Three runs: one missed run (a slow channel API) does not silence the signal.</summary>
    public static readonly TimeSpan StoppedFreshFor = TimeSpan.FromMinutes(45);

    /// <summary>
    /// The backstop's own verdict, exported as it stands (not detected a second time): 1 for an account whose run raised
    /// or repeated the webhooks-stopped alert, 0 for one it ran cleanly. An account whose run failed is left out, so
    /// it neither raises nor clears the signal.
    /// </summary>
    public static IEnumerable<GaugeReading> WebhooksStopped(BackstopRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Accounts
            .Where(a => a.Error is null)
            .Select(a => GaugeReading.Of(a.WebhooksStoppedAlert is null ? 0 : 1, ("brand", a.BrandId), ("channel", a.Channel.Slug()), ("account", a.AccountId)));
    }

    [LoggerMessage(EventId = 1760, Level = LogLevel.Information,
        Message = "Missed-webhook backstop: {Accounts} accounts, {Recovered} order changes recovered, {Late} late webhooks, {Failed} accounts to retry")]
    private partial void Ran(int accounts, int recovered, int late, int failed);
}
