using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Drift;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Every 5 minutes, the drift check of every brand (<see cref="ListingDriftChecker"/>): listings whose
/// <c>Drift:ReadInterval</c> has come, or that wait for a second read, are read back after their channel's propagation
/// delay; drift that persisted across two reads is repaired through the push worker. <c>Drift:TimerEnabled=false</c>
/// leaves it to the run route.
/// </summary>
public sealed partial class RepairListingDrift(ListingDriftChecker checker, IOptionsMonitor<DriftOptions> options, ILogger<RepairListingDrift> logger) : ITimerFunction
{
    /// <summary>Minutes 3, 8, 13, ... (NCRONTAB with seconds, UTC): off the backstop's 4, 19, 34, 49 and the sweeps.</summary>
    public const string Cron = "30 3-59/5 * * * *";

    public string Name => nameof(RepairListingDrift);

    public string Schedule => Cron;

    [Function(nameof(RepairListingDrift))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.TimerEnabled)
        {
            return;
        }

        var report = await checker.RunAsync(brandId: null, sku: null, force: false, cancellationToken);
        Ran(report.Listings, report.Read, report.FirstSeen, report.Repaired, report.Converged, report.LostChanges, report.PriceBreaches);
    }

    [LoggerMessage(EventId = 1790, Level = LogLevel.Information,
        Message = "Drift check: {Listings} listings, {Read} read, {FirstSeen} first seen, {Repaired} repaired, {Converged} converged, {LostChanges} changes never pushed marked, {PriceBreaches} prices below floor")]
    private partial void Ran(int listings, int read, int firstSeen, int repaired, int converged, int lostChanges, int priceBreaches);
}
