using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessOps.Testing.ReviewHistory;

namespace ServerlessOps.Benchmarks.Review;

/// <summary>
/// Onboards the benchmark brand as the quick start's review demo does, through the app's real import endpoints: the
/// brand, catalog, costs and fee schedules, then one JSON Lines file of orders per month (timed: the import rate), then
/// ad spend, stock snapshots and targets. Every answer must be 200 or 201, or the run stops naming the file.
/// </summary>
internal static class HistoryImport
{
    public const string BrandId = "northwind-bench";

    public static async Task<ImportFigures> RunAsync(HttpClient api, HistoryOptions options, HistoryFileSet files, CancellationToken cancellationToken)
    {
        await CreateBrandAsync(api, options, cancellationToken);
        await PostAsync(api, "catalog", HistoryReferenceFiles.Catalog(), "text/csv", cancellationToken);
        await PostAsync(api, "costs", HistoryReferenceFiles.Costs(options), "text/csv", cancellationToken);
        await PostAsync(api, "fees", HistoryReferenceFiles.Fees(options), "text/csv", cancellationToken);

        var clock = Stopwatch.StartNew();
        var rows = 0L;
        foreach (var file in files.OrderFiles)
        {
            var monthClock = Stopwatch.StartNew();
            var answer = await PostAsync(api, "orders", await File.ReadAllTextAsync(file, cancellationToken), "application/x-ndjson", cancellationToken);
            rows += answer.TryGetProperty("rows", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt64() : 0;
            Console.WriteLine($"  imported {Path.GetFileName(file)} in {monthClock.Elapsed.TotalSeconds:F1} s ({rows:N0} orders so far, {clock.Elapsed.TotalSeconds:F0} s)");
        }

        var ordersSeconds = clock.Elapsed.TotalSeconds;
        await PostAsync(api, "ad-spend", await File.ReadAllTextAsync(files.AdSpendFile, cancellationToken), "text/csv", cancellationToken);
        await PostAsync(api, "stock-snapshots", await File.ReadAllTextAsync(files.StockSnapshotsFile, cancellationToken), "text/csv", cancellationToken);
        await PostAsync(api, "targets", await File.ReadAllTextAsync(files.TargetsFile, cancellationToken), "text/csv", cancellationToken);
        return new ImportFigures(files.Orders, files.OrderLines, rows, ordersSeconds);
    }

    private static async Task CreateBrandAsync(HttpClient api, HistoryOptions options, CancellationToken cancellationToken)
    {
        var body = new
        {
            id = BrandId,
            displayName = "Northwind (benchmark)",
            baseCurrency = "USD",
            timeZone = options.TimeZoneId,
            owners = new
            {
                @default = "ops@northwind.example",
                assignments = new[] { new { signal = "Finance", owner = "finance@northwind.example" } },
            },
        };
        using var answer = await api.PostAsJsonAsync(new Uri("api/brands", UriKind.Relative), body, cancellationToken);
        if (answer.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"creating brand {BrandId} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>
    /// One file to its endpoint. A 503 (the store timed out: seen on this shared machine under load) is retried after its
    /// Retry-After, at most <see cref="MaxAttempts"/> times: an import is idempotent per file and writes nothing half.
    /// </summary>
    private static async Task<JsonElement> PostAsync(HttpClient api, string kind, string body, string mediaType, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            using var response = await api.PostAsync(new Uri($"api/brands/{BrandId}/imports/{kind}", UriKind.Relative), content, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < MaxAttempts)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
                Console.WriteLine($"  import {kind} answered 503 (attempt {attempt}); again in {wait.TotalSeconds:F0} s");
                Retries++;
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            {
                throw new InvalidOperationException($"import {kind} answered {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 600)]}");
            }

            return JsonDocument.Parse(answer).RootElement.Clone();
        }
    }

    private const int MaxAttempts = 5;

    /// <summary>Imports answered 503 and sent again (the table reports them).</summary>
    public static int Retries { get; private set; }
}

/// <summary>What the order import wrote and how fast: <see cref="Seconds"/> covers the monthly order files only.</summary>
internal sealed record ImportFigures(long Orders, long Lines, long RowsAnswered, double Seconds)
{
    public double LinesPerSecond => Lines / Math.Max(Seconds, 0.001);
}
