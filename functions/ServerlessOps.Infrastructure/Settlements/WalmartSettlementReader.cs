using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// Walmart reconciliation report. The dates with a report: <c>GET /v3/report/reconreport/availableReconFiles?reportVersion=v1</c>
/// (<c>availableApReportDates[]</c>, <c>MMddyyyy</c>); a report as JSON: <c>GET /v3/report/reconreport/reconFileJson?reportDate=...</c>
/// (<c>reportData[]</c>, one row per order line and amount type). A report is a settlement period, so its date is the payout
/// id; its <c>PaymentSummary</c> row's <c>Total Payable</c> is what was paid. Other rows: <c>Walmart.com PO #</c>,
/// <c>Walmart.com PO Line #</c>, <c>Partner Item ID</c>, <c>Transaction Type</c>, <c>Amount Type</c>, <c>Amount</c>,
/// <c>Currency</c>, <c>Transaction Posted Timestamp</c> (<c>MM/dd/yyyy</c>). An amount type naming a commission or fee is a
/// fee; otherwise the transaction type says sale, refund or adjustment. Rows carry no id of their own: the transaction id
/// is report date, PO, PO line, transaction and amount type (and its occurrence). Field names follow Walmart's published
/// Recon Report JSON sample; CHANNELS.md does not cover this API (unconfirmed beyond the sample).
/// </summary>
public sealed class WalmartSettlementReader(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<WalmartSettlementReader> logger)
    : ISettlementReader
{
    private const string DatesOperation = "GET /v3/report/reconreport/availableReconFiles";
    private const string ReportOperation = "GET /v3/report/reconreport/reconFileJson";
    private const string DateFormat = "MMddyyyy";

    public SalesChannel Channel => SalesChannel.Walmart;

    public async Task<SettlementBatch> ReadAsync(ChannelAccount account, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var json = new SettlementJson(Channel, DatesOperation);
        var dates = json.RequiredArray(json.Parse(await GetAsync(account, token, "v3/report/reconreport/availableReconFiles?reportVersion=v1", DatesOperation, cancellationToken))["availableApReportDates"], "availableApReportDates");
        var lines = new List<SettlementLine>();
        var payouts = new List<SettlementPayout>();
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var last = DateOnly.FromDateTime(until.UtcDateTime);
        for (var i = 0; i < dates.Count; i++)
        {
            var text = json.Text(dates[i], $"availableApReportDates[{i}]");
            if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw json.Wrong($"availableApReportDates[{i}]", $"is not a {DateFormat} date ('{text}')");
            }

            if (date >= first && date <= last)
            {
                var (reportLines, payout) = await ReadReportAsync(account, token, text, date, cancellationToken);
                lines.AddRange(reportLines);
                if (payout is not null)
                {
                    payouts.Add(payout);
                }
            }
        }

        return new SettlementBatch(lines, payouts);
    }

    private async Task<(List<SettlementLine> Lines, SettlementPayout? Payout)> ReadReportAsync(
        ChannelAccount account, string token, string reportDate, DateOnly date, CancellationToken cancellationToken)
    {
        var json = new SettlementJson(Channel, $"{ReportOperation}?reportDate={reportDate}");
        var rows = json.RequiredArray(json.Parse(await GetAsync(account, token, $"v3/report/reconreport/reconFileJson?reportDate={reportDate}&reportVersion=v1", ReportOperation, cancellationToken))["reportData"], "reportData");
        var lines = new List<SettlementLine>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        SettlementPayout? payout = null;
        var paidAt = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (var i = 0; i < rows.Count; i++)
        {
            var field = $"reportData[{i}]";
            var row = rows[i];
            var type = json.Text(row?["Transaction Type"], $"{field}.Transaction Type");
            var currency = json.Currency(row?["Currency"], $"{field}.Currency");
            if (string.Equals(type, "PaymentSummary", StringComparison.OrdinalIgnoreCase))
            {
                payout = new SettlementPayout(Channel, account.AccountId, reportDate, json.Money(row?["Total Payable"], $"{field}.Total Payable"), currency, paidAt);
                continue;
            }

            var po = json.OptionalText(row?["Walmart.com PO #"], $"{field}.Walmart.com PO #");
            var poLine = json.OptionalText(row?["Walmart.com PO Line #"], $"{field}.Walmart.com PO Line #");
            var amountType = json.Text(row?["Amount Type"], $"{field}.Amount Type");
            var amount = json.Money(row?["Amount"], $"{field}.Amount");
            var posted = PostedAt(json, row?["Transaction Posted Timestamp"], $"{field}.Transaction Posted Timestamp");
            var isFee = amountType.Contains("Commission", StringComparison.OrdinalIgnoreCase) || amountType.Contains("Fee", StringComparison.OrdinalIgnoreCase);
            var kind = isFee ? SettlementKind.Fee : type.ToLowerInvariant() switch
            {
                "sale" => SettlementKind.Sale,
                "refund" => SettlementKind.Refund,
                _ => SettlementKind.Adjustment,
            };
            var key = string.Join(':', reportDate, po ?? "-", poLine ?? "-", type, amountType);
            var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
            lines.Add(new SettlementLine(Channel, account.AccountId, $"{key}:{occurrence.ToString(CultureInfo.InvariantCulture)}", reportDate, po, kind, amount, currency, posted)
            {
                FeeType = isFee ? amountType : null,
                Sku = json.OptionalText(row?["Partner Item ID"], $"{field}.Partner Item ID"),
                LineId = poLine,
                Source = field,
            });
        }

        return (lines, payout);
    }

    private static DateTimeOffset PostedAt(SettlementJson json, JsonNode? node, string field)
    {
        var text = json.Text(node, field);
        return DateTime.TryParseExact(text, "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : json.Time(node, field);
    }

    private async Task<string> GetAsync(ChannelAccount account, string token, string path, string operation, CancellationToken cancellationToken)
    {
        var (request, requestIdOf) = WalmartRequest.Create(HttpMethod.Get, path, token, account.AccountId);
        using var _ = request;
        var answer = await ChannelApiCall.SendAsync(httpClient, request, Channel, operation, "(settlements)", requestIdOf, logger, cancellationToken);
        return answer.Body;
    }
}
