using System.Globalization;

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
            byService.GetValueOrDefault("cosmos-server"), byService.GetValueOrDefault("blob"), byService.GetValueOrDefault("queue"), byService.GetValueOrDefault("table"));
    }
}

/// <summary>Requests served by the Cosmos server and by Azurite's three services.</summary>
internal sealed record StoreRequests(double Cosmos, double Blob, double Queue, double Table)
{
    public StoreRequests Since(StoreRequests earlier) => new(Cosmos - earlier.Cosmos, Blob - earlier.Blob, Queue - earlier.Queue, Table - earlier.Table);

    public StoreRequests Per(int orders) => orders == 0 ? this : new(Cosmos / orders, Blob / orders, Queue / orders, Table / orders);
}
