using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Hourly, finds imports left Applying longer than <see cref="CatalogOptions.ImportStuckAfter"/> (the client gave up or
/// the process died midway: some of the file's writes are in, some are not) and raises each as an
/// <see cref="AlertKind.ImportStuck"/> alert to the brand's data owner, one alert per import however often it is seen.
/// Only the file's hash is kept, not the file, so nothing here can finish it: posting the same file again does (its
/// writes are idempotent and the record is resumed). Each run also resolves the alerts of imports applied since.
/// </summary>
public sealed class FindStuckImports(
    CatalogStore store, IAlertRaiser alerts, IAlertStore alertStore, AlertBrandIds brands, IOptionsMonitor<CatalogOptions> options, TimeProvider time,
    ILogger<FindStuckImports> logger)
    : ITimerFunction
{
    /// <summary>Minute 50 of every hour (NCRONTAB with seconds, UTC): away from FindStuckOrderFlows on 40.</summary>
    public const string Cron = "0 50 * * * *";

    public string Name => nameof(FindStuckImports);

    public string Schedule => Cron;

    [Function(nameof(FindStuckImports))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, CancellationToken cancellationToken) => FindAsync(cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken) => FindAsync(cancellationToken);

    /// <returns>How many stuck imports were raised.</returns>
    public async Task<int> FindAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.CurrentValue.ImportStuckAfter;
        var raised = 0;
        foreach (var brandId in brands.Current())
        {
            var stuck = await store.ListImportsApplyingAsync(brandId, before, cancellationToken);
            foreach (var record in stuck)
            {
                logger.ImportStuck(brandId, record.ImportId, record.ReceivedAt);
                await alerts.RaiseAsync(
                    new AlertRaise(brandId, AlertKind.ImportStuck, AlertSubject.Import(record.ImportId),
                        $"The {record.Kind.Slug()} import {record.ImportId} posted by {record.ImportedBy} at {record.ReceivedAt:u} stopped midway: part of its "
                        + "rows are written, part are not. Post the same file again to finish it (what is written already is not written twice).")
                    {
                        Evidence = new Dictionary<string, string>
                        {
                            ["kind"] = record.Kind.Slug(),
                            ["sha256"] = record.Sha256,
                            ["rows"] = record.Rows.ToString(CultureInfo.InvariantCulture),
                            ["importedBy"] = record.ImportedBy,
                            ["receivedAt"] = record.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
                        },
                    },
                    cancellationToken);
                raised++;
            }

            await ResolveFinishedAsync(brandId, [.. stuck.Select(r => r.ImportId)], cancellationToken);
        }

        return raised;
    }

    /// <summary>Resolves this timer's unresolved alerts on imports no longer Applying (posted again and applied, or gone).</summary>
    private async Task ResolveFinishedAsync(string brandId, HashSet<string> stuck, CancellationToken cancellationToken)
    {
        foreach (var state in (AlertState[])[AlertState.Open, AlertState.Acknowledged])
        {
            foreach (var alert in await alertStore.ListAsync(brandId, state, AlertKind.ImportStuck, cancellationToken))
            {
                var importId = alert.Subject.Id;
                if (alert.Subject != AlertSubject.Import(importId) || stuck.Contains(importId))
                {
                    continue;
                }

                if (await store.GetImportAsync(brandId, importId, cancellationToken) is not { Record.State: ImportState.Applying })
                {
                    await alerts.ClearAsync(brandId, AlertKind.ImportStuck, alert.Subject, "The import was posted again and applied.", cancellationToken);
                }
            }
        }
    }
}
