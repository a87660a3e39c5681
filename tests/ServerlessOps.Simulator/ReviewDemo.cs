using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServerlessOps.Testing.ReviewHistory;

namespace ServerlessOps.Simulator;

/// <summary>
/// The monthly operating loop in the quick start: a second brand onboards thirteen months of generated four-channel
/// history through the import endpoints (catalog, costs, fee schedules, orders month by month, ad spend, daily stock
/// snapshots, targets), the review of the month just closed is started and followed through its phases, and its top
/// findings must be the problems the generator planted, ranked by money; finance then gets a short-lived link to the
/// workbook and downloads it. The month before it is reviewed first, as last cycle, so the review closes its loop: it
/// resolves each of last cycle's assigned fixes saying what it found.
/// </summary>
internal sealed class ReviewDemo
{
    public const string BrandId = "northwind";

    public const string FinanceOwner = "finance@northwind.example";

    private static readonly TimeSpan ReviewDeadline = TimeSpan.FromMinutes(5);

    private readonly List<string> _lines = [];

    public bool Succeeded { get; private set; }

    public static async Task<ReviewDemo> RunAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var demo = new ReviewDemo();
        try
        {
            await demo.RunCoreAsync(api, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            demo._lines.Add($"NOT as expected: {e.Message}");
            demo.Succeeded = false;
        }

        return demo;
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Monthly operating loop (brand northwind: imports, last cycle's review, then the review of the month just closed)");
        foreach (var line in _lines)
        {
            output.WriteLine(line);
        }
    }

    private async Task RunCoreAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var options = HistoryOptions.ForMonthBefore(DateTimeOffset.UtcNow);
        var month = $"{options.ReviewYear:0000}-{options.ReviewMonth:00}";
        await CreateBrandAsync(api, cancellationToken);
        var directory = Path.Combine(Path.GetTempPath(), "serverlessops-history-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = HistoryFileWriter.Write(options, directory);
            _lines.Add($"Generated {files.Orders:N0} orders ({files.OrderLines:N0} lines) over {files.OrderFiles.Count} months, {files.AdSpendRows:N0} ad-spend rows, {files.SnapshotRows:N0} stock snapshots.");
            _lines.Add("| import | file | rows | answer | seconds |");
            _lines.Add("|---|---|---:|---|---:|");
            await ImportAsync(api, "catalog", "catalog.csv", HistoryReferenceFiles.Catalog(), "text/csv", cancellationToken);
            await ImportAsync(api, "costs", "costs.csv", HistoryReferenceFiles.Costs(options), "text/csv", cancellationToken);
            await ImportAsync(api, "fees", "fees.csv", HistoryReferenceFiles.Fees(options), "text/csv", cancellationToken);
            foreach (var file in files.OrderFiles)
            {
                await ImportAsync(api, "orders", Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken), "application/x-ndjson", cancellationToken);
            }

            await ImportAsync(api, "ad-spend", "ad-spend.csv", await File.ReadAllTextAsync(files.AdSpendFile, cancellationToken), "text/csv", cancellationToken);
            await ImportAsync(api, "stock-snapshots", "stock-snapshots.csv", await File.ReadAllTextAsync(files.StockSnapshotsFile, cancellationToken), "text/csv", cancellationToken);
            await ImportAsync(api, "targets", "targets.csv", await File.ReadAllTextAsync(files.TargetsFile, cancellationToken), "text/csv", cancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        _lines.Add($"Imports done in {clock.Elapsed.TotalSeconds:0.0} s.");
        var lastCycle = $"{options.ReviewFirstDay.AddMonths(-1):yyyy-MM}";
        await ReviewLastCycleAsync(api, lastCycle, cancellationToken);
        await ReviewAsync(api, month, cancellationToken);
        await PrintLoopClosureAsync(api, lastCycle, month, cancellationToken);
    }

    /// <summary>Last cycle's review, followed without its phases: its roadmap's fixes are assigned to their owners.</summary>
    private async Task ReviewLastCycleAsync(HttpClient api, string month, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await StartReviewAsync(api, month, cancellationToken);
        var review = await FollowReviewAsync(api, month, cancellationToken, showPhases: false);
        var runtime = review.GetProperty("runtimeStatus").GetString();
        if (runtime != "Completed")
        {
            throw new InvalidOperationException($"last cycle's review ({month}) ended {runtime}: {review.GetProperty("failure")}");
        }

        var assigned = await AssignedFixesAsync(api, month, cancellationToken);
        _lines.Add($"Last cycle first: the review of {month} completed in {clock.Elapsed.TotalSeconds:0.0} s and assigned {assigned.Count} fixes to their owners (review-action-assigned alerts).");
    }

    /// <summary>Last cycle's assigned fixes after this month's review: each resolved, saying what this review found.</summary>
    private async Task PrintLoopClosureAsync(HttpClient api, string lastCycle, string month, CancellationToken cancellationToken)
    {
        var closed = await AssignedFixesAsync(api, lastCycle, cancellationToken);
        var open = (await AssignedFixesAsync(api, month, cancellationToken)).Count(a => State(a) == "Open");
        var resolved = closed.Count(a => State(a) == "Resolved");
        _lines.Add($"Loop closed: this review resolved {resolved} of last cycle's {closed.Count} assigned fixes, each saying what it found; {open} fixes of {month} are open now.");
        _lines.Add($"| {lastCycle}'s fix | state | resolution |");
        _lines.Add("|---|---|---|");
        foreach (var alert in closed.OrderBy(a => Property(Property(a, "subject"), "id").GetString(), StringComparer.Ordinal))
        {
            _lines.Add($"| {Property(Property(alert, "subject"), "id").GetString()![(lastCycle.Length + 1)..]} | {State(alert)} | {Property(alert, "resolution").GetString() ?? "-"} |");
        }

        if (resolved != closed.Count || closed.Count == 0)
        {
            Succeeded = false;
            _lines.Add($"NOT as expected: {closed.Count - resolved} of last cycle's {closed.Count} assigned fixes left unresolved.");
        }

        static string? State(JsonElement alert) => Property(alert, "state").GetString();
    }

    /// <summary>The review-action-assigned alerts of one month's roadmap (subject <c>{month}:{root cause}</c>), in every state.</summary>
    private static async Task<List<JsonElement>> AssignedFixesAsync(HttpClient api, string month, CancellationToken cancellationToken)
    {
        var alerts = await api.GetFromJsonAsync<JsonElement>($"api/brands/{BrandId}/alerts?kind=review-action-assigned", cancellationToken);
        return [.. alerts.EnumerateArray().Where(a => Property(Property(a, "subject"), "id").GetString()?.StartsWith(month + ":", StringComparison.Ordinal) == true)];
    }

    private static async Task CreateBrandAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var body = new
        {
            id = BrandId,
            displayName = "Northwind Outfitters",
            baseCurrency = "USD",
            timeZone = "America/Chicago",
            owners = new
            {
                @default = "ops@northwind.example",
                assignments = new[]
                {
                    new { signal = "Finance", owner = FinanceOwner },
                    new { signal = "Pricing", owner = "pricing@northwind.example" },
                    new { signal = "Inventory", owner = "inventory@northwind.example" },
                    new { signal = "Fulfilment", owner = "fulfilment@northwind.example" },
                    new { signal = "Data", owner = "data@northwind.example" },
                },
            },
        };
        using var answer = await api.PostAsJsonAsync(new Uri("api/brands", UriKind.Relative), body, cancellationToken);
        if (answer.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"Creating brand {BrandId} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private async Task ImportAsync(HttpClient api, string kind, string name, string body, string mediaType, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await api.PostAsync(new Uri($"api/brands/{BrandId}/imports/{kind}", UriKind.Relative), content, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"Import {kind} {name} answered {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 600)]}");
        }

        var rows = JsonDocument.Parse(answer).RootElement.TryGetProperty("rows", out var r) ? r.GetRawText() : "?";
        _lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {name} | {rows} | {(int)response.StatusCode} | {clock.Elapsed.TotalSeconds:0.0} |"));
    }

    private async Task ReviewAsync(HttpClient api, string month, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var started = await StartReviewAsync(api, month, cancellationToken);
        _lines.Add($"POST /api/brands/{BrandId}/reviews/{month} answered {started}; phases as the orchestration's custom status shows them:");
        var review = await FollowReviewAsync(api, month, cancellationToken);
        var runtime = review.GetProperty("runtimeStatus").GetString();
        _lines.Add($"Review {review.GetProperty("instanceId").GetString()}: {runtime} in {clock.Elapsed.TotalSeconds:0.0} s.");
        if (runtime != "Completed")
        {
            throw new InvalidOperationException($"the review ended {runtime}: {review.GetProperty("failure")}");
        }

        var entry = await api.GetFromJsonAsync<JsonElement>($"api/brands/{BrandId}/reports/monthly/latest", cancellationToken);
        var period = entry.GetProperty("period").GetString()!;
        var version = entry.GetProperty("version").GetString()!;
        _lines.Add($"Latest complete report: {period}, version {version}, owner {entry.GetProperty("owner").GetString()}, files " +
            string.Join(", ", entry.GetProperty("files").EnumerateArray().Select(f => $"{f.GetProperty("name").GetString()} ({f.GetProperty("bytes").GetInt64():N0} B)")));
        using var anonymous = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var reportLink = await LinkAsync(api, period, version, "report.json", cancellationToken);
        var report = JsonDocument.Parse(await anonymous.GetStringAsync(reportLink.Url, cancellationToken)).RootElement;
        var roadmap = PrintRoadmap(report);
        PrintPnl(report);
        var workbook = await LinkAsync(api, period, version, "review.xlsx", cancellationToken);
        var bytes = await anonymous.GetByteArrayAsync(workbook.Url, cancellationToken);
        _lines.Add($"Finance's download link for review.xlsx (read-only, expires {workbook.ExpiresAt:HH:mm:ss} UTC, audited as {workbook.LinkId}):");
        _lines.Add($"  {workbook.Url.GetLeftPart(UriPartial.Path)}?<SAS>  → downloaded {bytes.Length:N0} bytes, a workbook: {bytes.AsSpan().StartsWith("PK"u8)}");
        var planted = PlantedProblem.All.Select(p => p.FindingType).ToHashSet(StringComparer.Ordinal);
        var top = roadmap.Take(planted.Count).ToList();
        var missing = planted.Where(t => !roadmap.Contains(t)).ToList();
        Succeeded = missing.Count == 0 && top.All(planted.Contains) && bytes.AsSpan().StartsWith("PK"u8);
        _lines.Add(Succeeded
            ? $"The roadmap's top {top.Count} items are the {planted.Count} problems planted in the history, ranked by money per unit of effort; finance downloaded the workbook."
            : $"NOT as expected: planted problems not on the roadmap: {string.Join(", ", missing)}; top items: {string.Join(", ", top)}.");
    }

    private static async Task<int> StartReviewAsync(HttpClient api, string month, CancellationToken cancellationToken)
    {
        // The brand was created a moment ago: the edge's registry cache may take a refresh to see it.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var answer = await api.PostAsync(new Uri($"api/brands/{BrandId}/reviews/{month}", UriKind.Relative), null, cancellationToken);
            if (answer.IsSuccessStatusCode)
            {
                return (int)answer.StatusCode;
            }

            if (answer.StatusCode != HttpStatusCode.NotFound || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"starting the review answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private async Task<JsonElement> FollowReviewAsync(HttpClient api, string month, CancellationToken cancellationToken, bool showPhases = true)
    {
        var waited = Stopwatch.StartNew();
        string? last = null;
        while (true)
        {
            var review = await api.GetFromJsonAsync<JsonElement>($"api/brands/{BrandId}/reviews/{month}", cancellationToken);
            if (showPhases && review.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object && status.GetRawText() != last)
            {
                last = status.GetRawText();
                _lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {waited.Elapsed.TotalSeconds,6:0.0} s  {last}"));
            }

            var runtime = review.GetProperty("runtimeStatus").GetString();
            if (runtime is "Completed" or "Failed" or "Terminated" || waited.Elapsed > ReviewDeadline)
            {
                return review;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private static async Task<(Uri Url, DateTimeOffset ExpiresAt, string LinkId)> LinkAsync(HttpClient api, string period, string version, string file, CancellationToken cancellationToken)
    {
        using var answer = await api.PostAsJsonAsync(new Uri($"api/brands/{BrandId}/reports/monthly/{period}/{version}/links", UriKind.Relative),
            new { file, lifetimeSeconds = 600 }, cancellationToken);
        var body = await answer.Content.ReadAsStringAsync(cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"a link to {file} answered {(int)answer.StatusCode}: {body}");
        }

        var link = JsonDocument.Parse(body).RootElement;
        return (new Uri(link.GetProperty("url").GetString()!), link.GetProperty("expiresAt").GetDateTimeOffset(), link.GetProperty("linkId").GetString()!);
    }

    private List<string> PrintRoadmap(JsonElement report)
    {
        var items = Property(report, "roadmap").EnumerateArray().ToList();
        _lines.Add($"Roadmap (report.json through finance's link): {Property(report, "findings").GetArrayLength()} material findings batched into {items.Count} fixes, by money recovered per unit of effort:");
        _lines.Add("| rank | type | fix | findings | money / month (USD) | effort | owner | daily check |");
        _lines.Add("|---:|---|---|---:|---:|---:|---|---|");
        foreach (var item in items)
        {
            var check = Property(item, "alertRule") is { ValueKind: JsonValueKind.Object } rule ? Property(rule, "kind").GetString() : "-";
            _lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {Property(item, "rank").GetInt32()} | {Property(item, "type").GetString()} | {Property(item, "title").GetString()} | {Property(item, "findings").GetArrayLength()} " +
                $"| {Property(item, "monthlyMoney").GetDecimal():N2} | {Property(item, "effort").GetDecimal():0.#} | {Property(item, "owner").GetString()} | {check} |"));
        }

        return [.. items.Select(i => Property(i, "type").GetString()!)];
    }

    private void PrintPnl(JsonElement report)
    {
        _lines.Add("P&L of the month by channel (USD; every figure traceable in pnl-lines.csv):");
        _lines.Add("| channel | orders | revenue | target | fees | ad spend | refunds | COGS | contribution |");
        _lines.Add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var line in Property(report, "pnl").EnumerateArray())
        {
            var channel = Property(line, "channel") switch
            {
                { ValueKind: JsonValueKind.String } c => c.GetString(),
                { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => "total",
                var other => other.GetRawText(),
            };
            var target = Property(line, "targetRevenue") is { ValueKind: JsonValueKind.Number } t ? t.GetDecimal().ToString("N2", CultureInfo.InvariantCulture) : "-";
            _lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {channel} | {Property(line, "orders").GetInt32()} | {Property(line, "revenue").GetDecimal():N2} | {target} | {Property(line, "fees").GetDecimal():N2} " +
                $"| {Property(line, "adSpend").GetDecimal():N2} | {Property(line, "refunds").GetDecimal():N2} | {Property(line, "cogs").GetDecimal():N2} | {Property(line, "contribution").GetDecimal():N2} |"));
        }
    }

    /// <summary>A member by name whatever its casing (report.json is camelCase, custom status may not be).</summary>
    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
