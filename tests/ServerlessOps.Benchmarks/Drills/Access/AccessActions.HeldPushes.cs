using System.Globalization;
using System.Text;
using System.Text.Json;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Api.Catalog;
using ServerlessOps.Functions.Api.Pushes;
using ServerlessOps.Functions.Http;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Benchmarks.Drills.Access;

/// <summary>
/// The held push, met as an operator meets it: the catalog import carries <see cref="HoldListings"/> Shopify listings, a
/// stock count stocks them and their pushes go out, then a bad count zeroes them all. The mass-drop brake lets the first
/// <c>InventoryPush:MassDropMaxListings</c> (10, the default the drill's stack keeps) drops go out and holds the rest. While
/// they are held, <c>ConfirmHeldPushes</c> is called with no credential, the wrong role (finance) and another brand's
/// all-roles caller: each must be refused and leave the hold as it was, which is what makes those refusals count (on a
/// fresh stack the sweep's calls would have found nothing to release). Then operations confirms, once and again as a
/// client's retry (409: nothing held any more), and the released listings must reach zero on the stub.
/// </summary>
internal sealed partial class AccessActions
{
    /// <summary>Two more than the brake's default limit of 10 distinct drops to zero in 5 minutes, so two are held.</summary>
    private const int HoldListings = 12;

    private const int MassDropMaxListings = 10;

    private const string HeldPath = "api/brands/acme/pushes/held";

    /// <summary>What the held-push setup saw, for the drill's output.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Catalog rows of the listings the bad count zeroes: Shopify inventory items 5601-5612 at location 77.</summary>
    private static string HoldCatalogRows =>
        string.Concat(Enumerable.Range(1, HoldListings).Select(i => string.Create(CultureInfo.InvariantCulture, $"{HoldSku(i)},Drill hold {i},Home,USD,8.00,6.99,{5600 + i},77\n")));

    private static string HoldSku(int i) => string.Create(CultureInfo.InvariantCulture, $"DRILL-HOLD-{i:00}");

    /// <summary>The stub's key for listing <paramref name="i"/>'s pushes (inventory item @ location).</summary>
    private static string HoldPushKey(int i) => string.Create(CultureInfo.InvariantCulture, $"{5600 + i}@77");

    private async Task HoldAndConfirmPushesAsync(Dictionary<string, AccessTally> tallies, CancellationToken cancellationToken)
    {
        var countedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await TwiceAsync(nameof(PostImport), "acme", keys.OperationsAcme, () => StockCounts(5, countedAt, "drill stocktake"), cancellationToken);
        if (!await UntilAsync(() => Pushed(q => q > 0) == HoldListings, TimeSpan.FromSeconds(90), cancellationToken))
        {
            NotPerformed.Add($"ConfirmHeldPushes: {Pushed(q => q > 0)} of {HoldListings} stocked listings pushed within 90 s of the count, so no drop to zero could be held");
            return;
        }

        await TwiceAsync(nameof(PostImport), "acme", keys.OperationsAcme, () => StockCounts(0, countedAt.AddSeconds(30), "drill: a count that lost the shelf"), cancellationToken);
        var expected = HoldListings - MassDropMaxListings;
        var held = 0;
        await UntilAsync(async () => (held = await HeldCountAsync(cancellationToken)) >= expected, TimeSpan.FromSeconds(90), cancellationToken);
        Notes.Add($"held pushes: {HoldListings} Shopify listings counted 5, pushed, then counted 0: {Pushed(q => q == 0)} went out at 0, {held} held (expected {expected})");
        if (held == 0)
        {
            NotPerformed.Add($"ConfirmHeldPushes: the count to zero of {HoldListings} listings left nothing held within 90 s");
            return;
        }

        await RefuseConfirmationAsync(tallies, held, cancellationToken);
        await TwiceAsync(nameof(ConfirmHeldPushes), "acme", keys.OperationsAcme, () => new HttpRequestMessage(HttpMethod.Post, HeldPath + "/confirm"), cancellationToken);
        var released = await UntilAsync(() => Pushed(q => q == 0) == HoldListings, TimeSpan.FromSeconds(60), cancellationToken);
        Notes.Add($"after the confirmation: {Pushed(q => q == 0)} of {HoldListings} listings at 0 on the stub{(released ? string.Empty : " after 60 s")}, {await HeldCountAsync(cancellationToken)} held");
    }

    /// <summary>
    /// The confirmation without a credential, with the wrong role and from another brand, while drops are held: each
    /// must answer 401 or 403, and the hold must still hold as many afterwards.
    /// </summary>
    private async Task RefuseConfirmationAsync(Dictionary<string, AccessTally> tallies, int held, CancellationToken cancellationToken)
    {
        var route = HttpRoutes.All.Single(r => r.Name == nameof(ConfirmHeldPushes));
        var tally = AccessSweep.Group(tallies, route);
        foreach (var (key, how, refusal) in new (string? Key, string How, int Status)[]
                 {
                     (null, "no credential", 401), (keys.FinanceAcme, "the wrong role (finance)", 403), (keys.EveryRoleGlobex, "another brand's all-roles caller", 403),
                 })
        {
            var status = await SendAsync(new HttpRequestMessage(HttpMethod.Post, HeldPath + "/confirm"), key, cancellationToken);
            tally.Calls++;
            if (status == refusal)
            {
                tally.Refused++;
            }
            else
            {
                tally.WronglyAllowed++;
                tally.Findings.Add($"POST {route.Template} with {held} push(es) held, with {how}, answered {status}, expected {refusal}");
            }
        }

        var after = await HeldCountAsync(cancellationToken);
        Notes.Add($"3 refused confirmations (no credential, finance, globex) while {held} held: {after} still held");
        if (after != held)
        {
            tally.Findings.Add($"{held} push(es) were held before three refused confirmations, {after} after");
        }
    }

    private static HttpRequestMessage StockCounts(int quantity, DateTimeOffset countedAt, string reason)
    {
        var at = countedAt.ToString("O", CultureInfo.InvariantCulture);
        var file = "sku,location,countedQuantity,countedAt,reason\n"
            + string.Concat(Enumerable.Range(1, HoldListings).Select(i => string.Create(CultureInfo.InvariantCulture, $"{HoldSku(i)},main,{quantity},{at},{reason}\n")));
        return new HttpRequestMessage(HttpMethod.Post, "api/brands/acme/imports/stock-counts") { Content = new StringContent(file, Encoding.UTF8, "text/csv") };
    }

    /// <summary>How many of the hold listings the stub last accepted a quantity for that satisfies <paramref name="shown"/>.</summary>
    private int Pushed(Func<int, bool> shown) =>
        Enumerable.Range(1, HoldListings).Count(i => marketplace.PushedQuantity(SalesChannel.Shopify, HoldPushKey(i)) is { } q && shown(q));

    private async Task<int> HeldCountAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, HeldPath);
        request.Headers.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        answers.Add(body);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.GetProperty("held").GetArrayLength() : 0;
    }

    private static Task<bool> UntilAsync(Func<bool> done, TimeSpan within, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(done()), within, cancellationToken);

    private static async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await done())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(500, cancellationToken);
        }

        return true;
    }
}
