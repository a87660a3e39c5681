using System.Globalization;
using System.Text.Json;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// Requests served by the local emulators, counted where they land (infra/local/request-counter.js), since the app under
/// test is a process of its own: every emulator started after <see cref="StartCounting"/> writes its running counts by
/// resource to a file of the folder, which <see cref="ReadAsync"/> adds up across processes.
/// </summary>
internal static class StoreRequestCounts
{
    private const string FolderVariable = "SO_REQUEST_COUNTS_DIR";

    /// <summary>Emulators started from now on count into a fresh folder (inherited through the environment).</summary>
    public static string StartCounting()
    {
        var folder = Directory.CreateTempSubdirectory("so-request-counts-").FullName;
        Environment.SetEnvironmentVariable(FolderVariable, folder);
        return folder;
    }

    /// <summary>The counts so far, by service, method and resource; waits out the counters' half-second write interval first.</summary>
    public static async Task<StoreRequests> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(0.7), cancellationToken);
        var byResource = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var service = name[..name.LastIndexOf('-')];
            var counts = JsonSerializer.Deserialize<Dictionary<string, double>>(await File.ReadAllTextAsync(file, cancellationToken)) ?? [];
            foreach (var (resource, count) in counts)
            {
                var key = $"{service} {resource}";
                byResource[key] = byResource.GetValueOrDefault(key) + count;
            }
        }

        return new StoreRequests(byResource);
    }
}

/// <summary>Requests served by the Cosmos server and by Azurite's three services, by service, method and resource.</summary>
/// <param name="ByResource">Keyed "{service} {method} {resource}", e.g. "cosmos-server POST orders/docs query" or
/// "cosmos-server GET inventoryLedger/docs/{balance|…}" (a document id's kind, the part before its "|").</param>
internal sealed record StoreRequests(IReadOnlyDictionary<string, double> ByResource)
{
    public double Cosmos => Of("cosmos-server");

    public double Blob => Of("blob");

    public double Queue => Of("queue");

    public double Table => Of("table");

    public StoreRequests Since(StoreRequests earlier) =>
        new(ByResource.ToDictionary(r => r.Key, r => r.Value - earlier.ByResource.GetValueOrDefault(r.Key)));

    public StoreRequests Per(int orders) => orders == 0 ? this : new(ByResource.ToDictionary(r => r.Key, r => r.Value / orders));

    /// <summary>The <paramref name="count"/> resources asked most, e.g. "cosmos-server POST orders/docs query 3.0".</summary>
    public string Busiest(int count) => string.Join(", ", ByResource.OrderByDescending(r => r.Value).Take(count)
        .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:F1}")));

    private double Of(string service) => ByResource.Where(r => r.Key.StartsWith(service + " ", StringComparison.Ordinal)).Sum(r => r.Value);
}
