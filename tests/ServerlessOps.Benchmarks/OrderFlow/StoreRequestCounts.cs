using System.Globalization;
using System.Text.Json;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// Requests served by the local emulators, counted where they land (infra/local/request-counter.js), since the app under
/// test is a process of its own: every emulator started after <see cref="StartCounting"/> writes its running total to
/// a file of the folder, which <see cref="ReadAsync"/> adds up by service.
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

    /// <summary>The totals so far; waits out the counters' half-second write interval first.</summary>
    public static async Task<StoreRequests> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(0.7), cancellationToken);
        var byService = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.count"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var service = name[..name.LastIndexOf('-')];
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            byService[service] = byService.GetValueOrDefault(service) + (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        }

        return new StoreRequests(
            byService.GetValueOrDefault("cosmos-server"), byService.GetValueOrDefault("blob"), byService.GetValueOrDefault("queue"), byService.GetValueOrDefault("table"),
            await ReadByResourceAsync(folder, cancellationToken));
    }

    /// <summary>Requests by service, method and resource ("cosmos-server POST orders/docs query"), from the detail files.</summary>
    private static async Task<IReadOnlyDictionary<string, double>> ReadByResourceAsync(string folder, CancellationToken cancellationToken)
    {
        var byResource = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.detail.json"))
        {
            var name = Path.GetFileName(file)[..^".detail.json".Length];
            var service = name[..name.LastIndexOf('-')];
            var counts = JsonSerializer.Deserialize<Dictionary<string, double>>(await File.ReadAllTextAsync(file, cancellationToken)) ?? [];
            foreach (var (resource, count) in counts)
            {
                var key = $"{service} {resource}";
                byResource[key] = byResource.GetValueOrDefault(key) + count;
            }
        }

        return byResource;
    }
}

/// <summary>Requests served by the Cosmos server and by Azurite's three services, in all and by service, method and resource.</summary>
internal sealed record StoreRequests(double Cosmos, double Blob, double Queue, double Table, IReadOnlyDictionary<string, double> ByResource)
{
    public StoreRequests Since(StoreRequests earlier) => new(
        Cosmos - earlier.Cosmos, Blob - earlier.Blob, Queue - earlier.Queue, Table - earlier.Table,
        ByResource.ToDictionary(r => r.Key, r => r.Value - earlier.ByResource.GetValueOrDefault(r.Key)));

    public StoreRequests Per(int orders) => orders == 0 ? this : new(
        Cosmos / orders, Blob / orders, Queue / orders, Table / orders, ByResource.ToDictionary(r => r.Key, r => r.Value / orders));

    /// <summary>The <paramref name="count"/> resources asked most, e.g. "cosmos-server POST orders/docs query 3.0".</summary>
    public string Busiest(int count) => string.Join(", ", ByResource.OrderByDescending(r => r.Value).Take(count)
        .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:F1}")));
}
