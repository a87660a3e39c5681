using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServerlessOps.Simulator;

/// <summary>
/// Business alerts in the quick start: before the stream, the brand names an owner per signal and chooses to let an
/// order under its price floor continue (policy through <c>PUT /api/brands/{brandId}</c>, as an admin would); the
/// catalog import gives one item a cost that puts its price under the floor. After the stream, the open alerts must
/// include a missed ship-by for the fulfilment owner (the scenario's unshipped orders were placed long ago) and a price
/// below the floor for the pricing owner, each order alerted once. The list is read as a client reads a paged list,
/// page after page through its <c>Link: rel="next"</c>, in pages smaller than the alerts open, so paging shows too.
/// </summary>
internal sealed class AlertsDemo
{
    public const string FulfilmentOwner = "fulfilment@acme.example";

    public const string PricingOwner = "pricing@acme.example";

    /// <summary>Fewer than the alerts the run opens, so the list comes in several pages.</summary>
    private const int PageSize = 10;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyList<JsonElement> _open;
    private readonly int _pages;

    private AlertsDemo(IReadOnlyList<JsonElement> open, int pages)
    {
        _open = open;
        _pages = pages;
    }

    /// <summary>Both kinds to their owners, each order alerted once, and no alert listed twice across the pages.</summary>
    public bool Raised =>
        Has("sla-missed", FulfilmentOwner) && Has("price-below-floor", PricingOwner)
        && _open.GroupBy(a => (Kind(a), Subject(a))).All(g => g.Count() == 1)
        && _open.Select(a => a.GetProperty("id").GetString()).Distinct().Count() == _open.Count;

    /// <summary>Owners per signal and <c>OnPriceBreach = Continue</c> for the brand, under the brand's ETag.</summary>
    public static async Task ConfigureBrandAsync(HttpClient api, string brandId, CancellationToken cancellationToken)
    {
        using var read = await api.GetAsync(new Uri($"api/brands/{brandId}", UriKind.Relative), cancellationToken);
        read.EnsureSuccessStatusCode();
        var body = new
        {
            owners = new
            {
                @default = "ops@acme.example",
                assignments = new[]
                {
                    new { signal = "Fulfilment", owner = FulfilmentOwner },
                    new { signal = "Pricing", owner = PricingOwner },
                    new { signal = "Inventory", owner = "inventory@acme.example" },
                    new { signal = "Finance", owner = SettlementDemo.FinanceOwner },
                },
            },
            policy = new { onPriceBreach = "Continue" },
        };
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"api/brands/{brandId}", UriKind.Relative)) { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        using var answer = await api.SendAsync(put, cancellationToken);
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Updating brand {brandId} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The brand's open alerts once both kinds are there (or the deadline passes).</summary>
    public static async Task<AlertsDemo> CheckAsync(HttpClient api, string brandId, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var (open, pages) = await ReadPagesAsync(api, $"api/brands/{brandId}/alerts?state=open&limit={PageSize}", cancellationToken);
            var demo = new AlertsDemo(open, pages);
            if (demo.Raised || waited.Elapsed > Deadline)
            {
                return demo;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>Every page of a paged list from <paramref name="first"/> on, following <c>Link: &lt;…&gt;; rel="next"</c> as a client would.</summary>
    private static async Task<(List<JsonElement> Items, int Pages)> ReadPagesAsync(HttpClient api, string first, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        var pages = 0;
        for (var url = first; url is not null; pages++)
        {
            using var answer = await api.GetAsync(new Uri(url.TrimStart('/'), UriKind.Relative), cancellationToken);
            answer.EnsureSuccessStatusCode();
            items.AddRange((await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).EnumerateArray().Select(a => a.Clone()));
            url = answer.Headers.TryGetValues("Link", out var links) ? NextOf(links.Single()) : null;
        }

        return (items, pages);
    }

    /// <summary>The URL of <c>&lt;url&gt;; rel="next"</c>.</summary>
    private static string NextOf(string link) => link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Open business alerts (GET /api/brands/{{brandId}}/alerts?state=open&limit={PageSize}, read in {_pages} pages through Link rel=\"next\"), each to its named owner");
        output.WriteLine("| kind | owner | alerts | occurrences | example |");
        output.WriteLine("|---|---|---:|---:|---|");
        foreach (var kind in _open.GroupBy(a => (Kind: Kind(a), Owner: a.GetProperty("owner").GetString())).OrderBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            var example = kind.First();
            output.WriteLine(
                $"| {kind.Key.Kind} | {kind.Key.Owner} | {kind.Count()} | {kind.Sum(a => a.GetProperty("occurrences").GetInt32())} " +
                $"| {example.GetProperty("message").GetString()} |");
        }

        output.WriteLine(Raised
            ? "A missed ship-by reached the fulfilment owner and a price under the floor the pricing owner, each order once; no alert listed twice across the pages."
            : "NOT as expected: a missed ship-by for the fulfilment owner and a price below the floor for the pricing owner, each once per order.");
    }

    private bool Has(string kind, string owner) => _open.Any(a => Kind(a) == kind && a.GetProperty("owner").GetString() == owner);

    private static string? Kind(JsonElement alert) => alert.GetProperty("kind").GetString();

    private static string Subject(JsonElement alert) => alert.GetProperty("subject").GetRawText();
}
