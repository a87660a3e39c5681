using System.Reflection;
using Azure.Data.Tables;
using DurableTask.AzureStorage;

namespace ServerlessOps.Benchmarks.Drills.Oversell;

/// <summary>
/// Which worker owns which of the task hub's control queues (the engine's Partitions table), sampled through the run.
/// An orchestration runs only on the worker that owns its control queue, and the engine places an instance on queue
/// FNV-1a(instance id) mod partition count; so while the owners hold still, each flow ran on one known app process.
/// The hash is the engine's own (DurableTask.AzureStorage's internal Fnv1aHashHelper, called by reflection).
/// </summary>
internal sealed class HubPartitions(string storageConnectionString, string hubName)
{
    private static readonly Func<string, uint> Hash = EngineHash();
    private readonly TableClient _table = new(storageConnectionString, hubName + "Partitions");
    private readonly List<IReadOnlyDictionary<int, string>> _samples = [];

    /// <summary>Partition index → owner, as of the last sample.</summary>
    public IReadOnlyDictionary<int, string> Owners => _samples.Count > 0 ? _samples[^1] : new Dictionary<int, string>();

    /// <summary>Partitions whose owner differed between samples (a lease moved during the run).</summary>
    public IReadOnlySet<int> Moved => _samples.SelectMany(s => s).GroupBy(p => p.Key).Where(g => g.Select(p => p.Value).Distinct().Count() > 1).Select(g => g.Key).ToHashSet();

    /// <summary>How often a partition's owner changed from one sample to the next (a lease lost and taken, or handed over).</summary>
    public int OwnerChanges => _samples.Zip(_samples.Skip(1)).Sum(pair => pair.Second.Count(p => pair.First.TryGetValue(p.Key, out var before) && before != p.Value));

    public int Count => Owners.Count;

    public static int PartitionOf(string instanceId, int partitionCount) => (int)(Hash(instanceId) % (uint)partitionCount);

    public async Task<IReadOnlyDictionary<int, string>> SampleAsync(CancellationToken cancellationToken)
    {
        var owners = new SortedDictionary<int, string>();
        try
        {
            await foreach (var lease in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                // Row key: "{hub}-control-NN".
                var index = int.Parse(lease.RowKey[(lease.RowKey.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                owners[index] = lease.GetString("CurrentOwner") ?? string.Empty;
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // The table appears when the first worker starts.
        }

        lock (_samples)
        {
            _samples.Add(owners);
        }

        return owners;
    }

    /// <summary>Samples every <paramref name="every"/> until cancelled (the run's audit ends it).</summary>
    public async Task WatchAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(cancellationToken);
                await Task.Delay(every, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static Func<string, uint> EngineHash()
    {
        var helper = typeof(AzureStorageOrchestrationService).Assembly.GetType("DurableTask.AzureStorage.Fnv1aHashHelper", throwOnError: true)!;
        var method = helper.GetMethod("ComputeHash", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(string)])
            ?? throw new InvalidOperationException("DurableTask.AzureStorage has no Fnv1aHashHelper.ComputeHash(string): the engine changed its placement.");
        return method.CreateDelegate<Func<string, uint>>();
    }
}
