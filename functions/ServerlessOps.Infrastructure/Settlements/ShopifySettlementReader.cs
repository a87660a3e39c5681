using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Backstop;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// Shopify Payments. Payouts: <c>GET /admin/api/{version}/shopify_payments/payouts.json?date_min&amp;date_max</c>
/// (<c>payouts[]</c>: <c>id</c>, <c>status</c>, <c>date</c>, <c>currency</c>, <c>amount</c>); each payout's balance
/// transactions: <c>GET .../shopify_payments/balance/transactions.json?payout_id=...&amp;limit=250</c> (<c>transactions[]</c>:
/// <c>id</c>, <c>type</c>, <c>amount</c>, <c>fee</c>, <c>net</c>, <c>currency</c>, <c>source_order_id</c>, <c>processed_at</c>).
/// Both lists are paged by the <c>Link: &lt;...&gt;; rel="next"</c> header. A transaction is two lines: its amount (charge = sale, refund,
/// anything else an adjustment) and its fee (<c>{id}:fee</c>, type <c>shopify-payments</c>); the payout row itself
/// (type <c>payout</c>) is the transfer, not a line. Only <c>paid</c> payouts are final. Host and API version as the
/// backstop's Shopify calls (<see cref="BackstopOptions.ShopifyAdminBaseUrl"/>, <see cref="BackstopOptions.ShopifyApiVersion"/>).
/// </summary>
public sealed class ShopifySettlementReader(
    HttpClient httpClient, IChannelApiCredentialSource credentials, IOptions<BackstopOptions> options, ILogger<ShopifySettlementReader> logger)
    : ISettlementReader
{
    private const string PayoutsOperation = "GET /admin/api/shopify_payments/payouts.json";
    private const string TransactionsOperation = "GET /admin/api/shopify_payments/balance/transactions.json";
    public const string FeeType = "shopify-payments";

    public SalesChannel Channel => SalesChannel.Shopify;

    public async Task<SettlementBatch> ReadAsync(ChannelAccount account, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var json = new SettlementJson(Channel, PayoutsOperation);
        var lines = new List<SettlementLine>();
        var payouts = new List<SettlementPayout>();
        // A shop paid daily has more payouts in a long lookback than one page holds (50 by default): every page is read.
        var first = new Uri(Root(account), $"payouts.json?date_min={Day(from)}&date_max={Day(until)}");
        var read = 0;
        await foreach (var list in PagesAsync(account, token, first, json, PayoutsOperation, "payouts", cancellationToken))
        {
            // Places count through the whole list, not per page: "payouts[0]" of page two would send finance to the wrong payout.
            for (var i = 0; i < list.Count; i++, read++)
            {
                var field = $"payouts[{read}]";
                var id = json.Text(list[i]?["id"], $"{field}.id");
                lines.AddRange(await ReadTransactionsAsync(account, token, id, cancellationToken));
                if (string.Equals(json.OptionalText(list[i]?["status"], $"{field}.status"), "paid", StringComparison.OrdinalIgnoreCase))
                {
                    payouts.Add(new SettlementPayout(
                        Channel, account.AccountId, id,
                        json.Money(list[i]?["amount"], $"{field}.amount"),
                        json.Currency(list[i]?["currency"], $"{field}.currency"),
                        json.Time(list[i]?["date"], $"{field}.date")));
                }
            }
        }

        return new SettlementBatch(lines, payouts);
    }

    private async Task<List<SettlementLine>> ReadTransactionsAsync(ChannelAccount account, string token, string payoutId, CancellationToken cancellationToken)
    {
        var json = new SettlementJson(Channel, TransactionsOperation);
        var lines = new List<SettlementLine>();
        var first = new Uri(Root(account), $"balance/transactions.json?payout_id={Uri.EscapeDataString(payoutId)}&limit=250");
        var read = 0;
        await foreach (var transactions in PagesAsync(account, token, first, json, TransactionsOperation, "transactions", cancellationToken))
        {
            // A line's source is its place in the payout's whole list, so two lines of one payout never name the same place.
            for (var i = 0; i < transactions.Count; i++, read++)
            {
                var field = $"transactions[{read}]";
                var t = transactions[i];
                var type = json.Text(t?["type"], $"{field}.type");
                if (string.Equals(type, "payout", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var id = json.Text(t?["id"], $"{field}.id");
                var currency = json.Currency(t?["currency"], $"{field}.currency");
                var posted = json.Time(t?["processed_at"], $"{field}.processed_at");
                var orderId = json.OptionalText(t?["source_order_id"], $"{field}.source_order_id");
                var kind = type.ToLowerInvariant() switch
                {
                    "charge" => SettlementKind.Sale,
                    "refund" => SettlementKind.Refund,
                    _ => SettlementKind.Adjustment,
                };
                lines.Add(new SettlementLine(Channel, account.AccountId, id, payoutId, orderId, kind, json.Money(t?["amount"], $"{field}.amount"), currency, posted) { Source = field });
                var fee = json.OptionalMoney(t?["fee"], $"{field}.fee") ?? 0m;
                if (fee != 0m)
                {
                    lines.Add(new SettlementLine(Channel, account.AccountId, $"{id}:fee", payoutId, orderId, SettlementKind.Fee, -fee, currency, posted)
                    {
                        FeeType = FeeType,
                        Source = $"{field}.fee",
                    });
                }
            }
        }

        return lines;
    }

    /// <summary>
    /// Each page of a Shopify list, <paramref name="field"/> of its body, from <paramref name="first"/> on: Shopify names the
    /// next page only in the <c>Link</c> header (<c>rel="next"</c>, a <c>page_info</c> cursor that must be followed as given),
    /// and the last page has none.
    /// </summary>
    private async IAsyncEnumerable<JsonArray> PagesAsync(
        ChannelAccount account, string token, Uri first, SettlementJson json, string operation, string field, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (Uri? next = first; next is not null;)
        {
            var (body, link) = await GetAsync(account, token, next, operation, cancellationToken);
            yield return json.RequiredArray(json.Parse(body)[field], field);
            next = link;
        }
    }

    private Uri Root(ChannelAccount account)
    {
        var configured = options.Value.ShopifyAdminBaseUrl;
        var root = string.IsNullOrWhiteSpace(configured) ? $"https://{account.AccountId}/" : configured.EndsWith('/') ? configured : configured + "/";
        return new Uri(new Uri(root, UriKind.Absolute), $"admin/api/{options.Value.ShopifyApiVersion}/shopify_payments/");
    }

    private async Task<(string Body, Uri? Next)> GetAsync(ChannelAccount account, string token, Uri uri, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        ChannelApiAccount.Set(request, account.AccountId);
        request.Headers.TryAddWithoutValidation(ChannelTokenHeaders.Shopify, token);
        request.Headers.Accept.ParseAdd("application/json");
        Uri? next = null;
        var answer = await ChannelApiCall.SendAsync(
            httpClient, request, Channel, operation, $"(settlements of {account.AccountId})",
            (response, _) =>
            {
                next = NextLink(response);
                return response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
            },
            logger, cancellationToken);
        return (answer.Body, next);
    }

    /// <summary>Shopify's cursor paging: <c>Link: &lt;https://...page_info=...&gt;; rel="next"</c>.</summary>
    private static Uri? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var part in string.Join(',', values).Split(','))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (pieces.Length >= 2 && pieces[1].Replace(" ", string.Empty, StringComparison.Ordinal) == "rel=\"next\"" && pieces[0].StartsWith('<') && pieces[0].EndsWith('>'))
            {
                return Uri.TryCreate(pieces[0][1..^1], UriKind.Absolute, out var uri) ? uri : null;
            }
        }

        return null;
    }

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
