using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Backstop;
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
    private readonly ILogger<RunMissedWebhookBackstop> _logger;

    public RunMissedWebhookBackstop(MissedWebhookBackstop backstop, IOptionsMonitor<BackstopOptions> options, ILogger<RunMissedWebhookBackstop> logger)
    {
        _backstop = backstop;
        _options = options;
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
    }

    [LoggerMessage(EventId = 1760, Level = LogLevel.Information,
        Message = "Missed-webhook backstop: {Accounts} accounts, {Recovered} order changes recovered, {Late} late webhooks, {Failed} accounts to retry")]
    private partial void Ran(int accounts, int recovered, int late, int failed);
}
