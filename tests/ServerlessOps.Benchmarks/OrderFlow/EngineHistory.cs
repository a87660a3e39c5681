using Azure.Data.Tables;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// What the engine did for a sample of flows, from the task hub's History table (the Azure Storage engine's record of
/// every event, partitioned by instance id): activities scheduled per flow and by name, and history rows per flow.
/// Read after the load on a sample, so reading costs the measured run nothing.
/// </summary>
internal static class EngineHistory
{
    public static async Task<EngineHistoryFigures> ReadAsync(string connectionString, string taskHub, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, taskHub + "History");
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var activities = 0;
        var rows = 0;
        var found = 0;
        foreach (var id in instanceIds)
        {
            var seen = 0;
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), select: ["EventType", "Name"], cancellationToken: cancellationToken))
            {
                seen++;
                if (row.GetString("EventType") == "TaskScheduled")
                {
                    activities++;
                    var name = row.GetString("Name") ?? "?";
                    byName[name] = byName.GetValueOrDefault(name) + 1;
                }
            }

            rows += seen;
            found += seen > 0 ? 1 : 0;
        }

        return new EngineHistoryFigures(found, found == 0 ? double.NaN : (double)activities / found, found == 0 ? double.NaN : (double)rows / found,
            byName.OrderByDescending(n => n.Value).Select(n => (n.Key, found == 0 ? 0 : (double)n.Value / found)).ToArray());
    }
}

/// <param name="Flows">Sampled flows found in the history.</param>
/// <param name="ActivitiesPerFlow">TaskScheduled events per flow.</param>
/// <param name="RowsPerFlow">History rows per flow (each is written, and read back on a replay without extended sessions).</param>
/// <param name="ByName">Activities per flow by name.</param>
internal sealed record EngineHistoryFigures(int Flows, double ActivitiesPerFlow, double RowsPerFlow, IReadOnlyList<(string Name, double PerFlow)> ByName);
