using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Settlements;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Daily, the settlement import of every connected channel account (<see cref="SettlementImport"/>): payouts of the last
/// <c>Settlements:Lookback</c> read with their rows, fees written to the orders as charged fees, payouts reconciled and a
/// mismatch raised to the brand's finance owner. <c>Settlements:TimerEnabled=false</c> leaves it to the import route.
/// </summary>
public sealed partial class ImportSettlements(SettlementImport import, IOptionsMonitor<SettlementOptions> options, ILogger<ImportSettlements> logger) : ITimerFunction
{
    /// <summary>05:20:40 UTC (NCRONTAB with seconds): before most brands' 06:00-local monthly review, off the hourly ticks at :10, :25, :45, :50.</summary>
    public const string Cron = "40 20 5 * * *";

    public string Name => nameof(ImportSettlements);

    public string Schedule => Cron;

    [Function(nameof(ImportSettlements))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.TimerEnabled)
        {
            return;
        }

        var report = await import.RunAsync(brandId: null, cancellationToken);
        var imported = report.Accounts.Sum(a => a.Imported);
        Ran(report.Accounts.Count, imported, report.Mismatches, report.NotReconcilable, report.Failed);
    }

    [LoggerMessage(EventId = 1785, Level = LogLevel.Information,
        Message = "Settlement import: {Accounts} accounts, {Imported} new rows, {Mismatches} payout mismatches, {NotReconcilable} payouts that cannot be checked, {Failed} accounts failed")]
    private partial void Ran(int accounts, int imported, int mismatches, int notReconcilable, int failed);
}
