using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// TikTok Shop Finance 202309. Payouts are statements: <c>GET /finance/202309/statements?statement_time_ge&amp;statement_time_lt&amp;sort_field=statement_time&amp;page_size</c>
/// (<c>data.statements[]</c>: <c>id</c>, <c>statement_time</c>, <c>settlement_amount</c>, <c>currency</c>, <c>payment_status</c>);
/// a statement's transactions: <c>GET /finance/202309/statements/{id}/statement_transactions?sort_field=order_create_time&amp;page_size</c>
/// (<c>data.statement_transactions[]</c>: <c>id</c>, <c>type</c>, <c>order_id</c>, <c>revenue_amount</c>, <c>fee_amount</c>,
/// <c>settlement_amount</c>), both paged by <c>data.next_page_token</c> and signed like every call. A transaction is up to
/// three lines: revenue (ORDER = sale, REFUND = refund, else adjustment), its fees (<c>{id}:fee</c>, type <c>tiktok-fees</c>)
/// and whatever else its settlement amount holds (<c>{id}:other</c>: shipping, adjustments), so its lines sum to its
/// settlement amount. A non-zero <c>code</c> in a 200 is a refusal (<see cref="ChannelApiException"/>).
/// </summary>
public sealed class TikTokShopSettlementReader(
    HttpClient httpClient, IChannelApiCredentialSource credentials, TimeProvider timeProvider, ILogger<TikTokShopSettlementReader> logger)
    : ISettlementReader
{
    private const string StatementsPath = "finance/202309/statements";
    private const string StatementsOperation = "GET /finance/202309/statements";
    private const string TransactionsOperation = "GET /finance/202309/statements/{id}/statement_transactions";
    public const string FeeType = "tiktok-fees";

    public SalesChannel Channel => SalesChannel.TikTokShop;

    public async Task<SettlementBatch> ReadAsync(ChannelAccount account, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var credential = TikTokRequest.RequireSigningKeys(await credentials.GetAsync(account, cancellationToken), account, "API calls");

        var json = new SettlementJson(Channel, StatementsOperation);
        var lines = new List<SettlementLine>();
        var payouts = new List<SettlementPayout>();
        string? next = null;
        do
        {
            var data = await GetAsync(credential, account.AccountId, StatementsPath, json, StatementsOperation, cancellationToken,
                new("statement_time_ge", from.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                new("statement_time_lt", until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                new("sort_field", "statement_time"),
                new("page_size", "50"),
                next is null ? default : new("page_token", next));
            var statements = json.Array(data["statements"], "data.statements");
            for (var i = 0; i < statements.Count; i++)
            {
                var field = $"data.statements[{i}]";
                var id = json.Text(statements[i]?["id"], $"{field}.id");
                var currency = json.Currency(statements[i]?["currency"], $"{field}.currency");
                var time = json.UnixSeconds(statements[i]?["statement_time"], $"{field}.statement_time");
                lines.AddRange(await ReadTransactionsAsync(account, credential, id, currency, time, cancellationToken));
                payouts.Add(new SettlementPayout(Channel, account.AccountId, id, json.Money(statements[i]?["settlement_amount"], $"{field}.settlement_amount"), currency, time));
            }

            next = json.OptionalText(data["next_page_token"], "data.next_page_token");
        }
        while (next is not null);

        return new SettlementBatch(lines, payouts);
    }

    private async Task<List<SettlementLine>> ReadTransactionsAsync(
        ChannelAccount account, ChannelApiCredential credential, string statementId, string currency, DateTimeOffset posted, CancellationToken cancellationToken)
    {
        var json = new SettlementJson(Channel, TransactionsOperation);
        var lines = new List<SettlementLine>();
        string? next = null;
        do
        {
            var data = await GetAsync(credential, account.AccountId, $"{StatementsPath}/{Uri.EscapeDataString(statementId)}/statement_transactions", json, TransactionsOperation, cancellationToken,
                new("sort_field", "order_create_time"),
                new("page_size", "50"),
                next is null ? default : new("page_token", next));
            var transactions = json.Array(data["statement_transactions"], "data.statement_transactions");
            for (var i = 0; i < transactions.Count; i++)
            {
                var field = $"data.statement_transactions[{i}]";
                var t = transactions[i];
                var id = json.Text(t?["id"], $"{field}.id");
                var type = json.Text(t?["type"], $"{field}.type");
                var orderId = json.OptionalText(t?["order_id"], $"{field}.order_id");
                var settlement = json.Money(t?["settlement_amount"], $"{field}.settlement_amount");
                var revenue = json.OptionalMoney(t?["revenue_amount"], $"{field}.revenue_amount") ?? 0m;
                var fee = json.OptionalMoney(t?["fee_amount"], $"{field}.fee_amount") ?? 0m;
                var kind = type.ToUpperInvariant() switch
                {
                    "ORDER" => SettlementKind.Sale,
                    "REFUND" => SettlementKind.Refund,
                    _ => SettlementKind.Adjustment,
                };
                lines.Add(new SettlementLine(Channel, account.AccountId, id, statementId, orderId, kind, revenue, currency, posted) { Source = $"{field}.revenue_amount" });
                if (fee != 0m)
                {
                    lines.Add(new SettlementLine(Channel, account.AccountId, $"{id}:fee", statementId, orderId, SettlementKind.Fee, fee, currency, posted) { FeeType = FeeType, Source = $"{field}.fee_amount" });
                }

                if (settlement - revenue - fee is var other && other != 0m)
                {
                    lines.Add(new SettlementLine(Channel, account.AccountId, $"{id}:other", statementId, orderId, SettlementKind.Adjustment, other, currency, posted) { Source = $"{field}.settlement_amount" });
                }
            }

            next = json.OptionalText(data["next_page_token"], "data.next_page_token");
        }
        while (next is not null);

        return lines;
    }

    private async Task<JsonNode> GetAsync(
        ChannelApiCredential credential, string accountId, string path, SettlementJson json, string operation, CancellationToken cancellationToken, params KeyValuePair<string, string>[] parameters)
    {
        using var request = TikTokRequest.Create(httpClient.BaseAddress, HttpMethod.Get, path, credential, accountId, timeProvider.GetUtcNow(), parameters.Where(p => p.Key is not null));
        var answer = await ChannelApiCall.SendAsync(httpClient, request, Channel, operation, "(settlements)", static (_, _) => null, logger, cancellationToken);
        var root = json.Parse(answer.Body);
        var code = root["code"] is JsonValue c && c.TryGetValue<long>(out var n) ? n : -1;
        if (code != 0)
        {
            var requestId = root["request_id"] is JsonValue r && r.TryGetValue<string>(out var rid) ? rid : null;
            var message = root["message"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : null;
            throw new ChannelApiException(Channel, operation, HttpStatusCode.OK, requestId,
                $"TikTok Shop {operation} failed with code {code.ToString(CultureInfo.InvariantCulture)} '{message}' (request id {requestId ?? "none"}).");
        }

        return root["data"] ?? throw json.Wrong("data", "is missing");
    }
}
