using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// Amazon SP-API Finances v0. Payouts are financial event groups:
/// <c>GET /finances/v0/financialEventGroups?FinancialEventGroupStartedAfter&amp;FinancialEventGroupStartedBefore&amp;MaxResultsPerPage</c>
/// (<c>payload.FinancialEventGroupList[]</c>: <c>FinancialEventGroupId</c>, <c>ProcessingStatus</c>, <c>OriginalTotal</c>,
/// <c>FundTransferDate</c>, <c>FinancialEventGroupEnd</c>), each group's events by
/// <c>GET /finances/v0/financialEventGroups/{id}/financialEvents</c> (listFinancialEventsByGroupId), both paged by
/// <c>payload.NextToken</c>. Lines: <c>ShipmentEventList</c> item charges and <c>PromotionList</c> (sale), <c>ItemFeeList</c>
/// (fee) and <c>ItemTaxWithheldList</c> (adjustment: marketplace facilitator tax Amazon kept), <c>RefundEventList</c> charge,
/// promotion, fee and withheld-tax adjustments (refund, fee given back), <c>ChargebackEventList</c> and
/// <c>GuaranteeClaimEventList</c> (as refunds), <c>ProductAdsPaymentEventList</c>, <c>SellerDealPaymentEventList</c> and
/// <c>CouponPaymentEventList</c> (fees of no order), <c>ServiceFeeEventList</c> (account fees),
/// <c>AdjustmentEventList</c>, <c>SAFETReimbursementEventList</c> (a SAFE-T claim paid: adjustment) and
/// <c>FBALiquidationEventList</c> (proceeds: adjustment; liquidation fee: fee). Any other non-empty <c>…EventList</c> is not
/// read: it is counted by name on the group (<see cref="SettlementPayout.UnreadEvents"/>), so a closed group holding one is
/// a payout that cannot be checked rather than a false mismatch. Amazon gives events no id, so a line's transaction id is
/// built from the group, order, item, posting time (a service fee has none: the group's
/// <c>FinancialEventGroupStart</c>) and charge or fee type (and its occurrence), stable across reads of a group, also
/// while an open group grows. Only a <c>Closed</c> group's total is final, so only closed groups are payouts to reconcile;
/// an open group's lines are imported.
/// </summary>
public sealed class AmazonSettlementReader(HttpClient httpClient, IChannelApiCredentialSource credentials, ILogger<AmazonSettlementReader> logger)
    : ISettlementReader
{
    private const string GroupsOperation = "GET /finances/v0/financialEventGroups";
    private const string EventsOperation = "GET /finances/v0/financialEventGroups/{id}/financialEvents";

    /// <summary>
    /// The event lists turned into lines below; any other list of events is counted as unread.
    /// <para>
    /// <c>ShipmentSettleEventList</c> is left out on purpose. Its items have <c>ShipmentEvent</c>'s shape (Finances v0 model,
    /// amzn/selling-partner-api-models <c>models/finances-api-model/financesV0.json</c>: "A list of information about
    /// shipment settle financial events"), but Amazon does not say what money they move beside the order's
    /// <c>ShipmentEventList</c> event: client libraries tie them to the delivery-date reserve (DD+7, the release of a
    /// deferred sale), and at least one importer skips them as repeating <c>ShipmentEventList</c>. Read as sales, a
    /// repeat would write the order's fees twice and report a false mismatch; unread, the group is a payout finance
    /// checks by hand (<c>payout-unchecked</c>). Read it once a statement shows how its rows add up to a group's total.
    /// </para>
    /// </summary>
    private static readonly HashSet<string> ReadLists = new(StringComparer.Ordinal)
    {
        "ShipmentEventList", "RefundEventList", "ChargebackEventList", "GuaranteeClaimEventList", "ProductAdsPaymentEventList",
        "SellerDealPaymentEventList", "CouponPaymentEventList", "ServiceFeeEventList", "AdjustmentEventList",
        "SAFETReimbursementEventList", "FBALiquidationEventList",
    };

    public SalesChannel Channel => SalesChannel.Amazon;

    public async Task<SettlementBatch> ReadAsync(ChannelAccount account, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = (await credentials.GetAsync(account, cancellationToken)).AccessToken;
        var json = new SettlementJson(Channel, GroupsOperation);
        var lines = new List<SettlementLine>();
        var payouts = new List<SettlementPayout>();
        var unread = new Dictionary<string, int>(StringComparer.Ordinal);
        var query = $"FinancialEventGroupStartedAfter={Uri.EscapeDataString(Iso(from))}&FinancialEventGroupStartedBefore={Uri.EscapeDataString(Iso(until))}&MaxResultsPerPage=100";
        string? next = null;
        do
        {
            var page = await GetAsync(token, account.AccountId, $"finances/v0/financialEventGroups?{query}{NextQuery(next)}", GroupsOperation, cancellationToken);
            var payload = json.Parse(page)["payload"] ?? throw json.Wrong("payload", "is missing");
            var groups = json.Array(payload["FinancialEventGroupList"], "payload.FinancialEventGroupList");
            for (var i = 0; i < groups.Count; i++)
            {
                var field = $"payload.FinancialEventGroupList[{i}]";
                var group = groups[i];
                var id = json.Text(group?["FinancialEventGroupId"], $"{field}.FinancialEventGroupId");
                var start = group?["FinancialEventGroupStart"] is { } started ? json.Time(started, $"{field}.FinancialEventGroupStart") : DateTimeOffset.UnixEpoch;
                var read = await ReadGroupAsync(account, token, id, start, cancellationToken);
                lines.AddRange(read.Lines);
                foreach (var list in read.Unread)
                {
                    unread[list.List] = unread.GetValueOrDefault(list.List) + list.Events;
                }

                if (string.Equals(json.OptionalText(group?["ProcessingStatus"], $"{field}.ProcessingStatus"), "Closed", StringComparison.OrdinalIgnoreCase))
                {
                    var total = group?["OriginalTotal"] ?? throw json.Wrong($"{field}.OriginalTotal", "is missing");
                    var paidAt = group?["FundTransferDate"] is { } transfer
                        ? json.Time(transfer, $"{field}.FundTransferDate")
                        : json.Time(group?["FinancialEventGroupEnd"], $"{field}.FinancialEventGroupEnd");
                    payouts.Add(new SettlementPayout(
                        Channel, account.AccountId, id,
                        json.Money(total["CurrencyAmount"], $"{field}.OriginalTotal.CurrencyAmount"),
                        json.Currency(total["CurrencyCode"], $"{field}.OriginalTotal.CurrencyCode"),
                        paidAt)
                    {
                        UnreadEvents = read.Unread,
                    });
                }
            }

            next = json.OptionalText(payload["NextToken"], "payload.NextToken");
        }
        while (next is not null);

        return new SettlementBatch(lines, payouts) { UnreadEvents = Sorted(unread) };
    }

    private async Task<(List<SettlementLine> Lines, IReadOnlyList<UnreadEventList> Unread)> ReadGroupAsync(ChannelAccount account, string token, string groupId, DateTimeOffset groupStart, CancellationToken cancellationToken)
    {
        var json = new SettlementJson(Channel, EventsOperation);
        var builder = new LineBuilder(Channel, account.AccountId, groupId, groupStart, json);
        var unread = new Dictionary<string, int>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            var body = await GetAsync(token, account.AccountId, $"finances/v0/financialEventGroups/{Uri.EscapeDataString(groupId)}/financialEvents?MaxResultsPerPage=100{NextQuery(next)}", EventsOperation, cancellationToken);
            var payload = json.Parse(body)["payload"] ?? throw json.Wrong("payload", "is missing");
            var events = payload["FinancialEvents"] ?? throw json.Wrong("payload.FinancialEvents", "is missing");
            ReadItemEvents(builder, json, events, "ShipmentEventList", "ShipmentItemList", "ItemChargeList", "ItemFeeList", "PromotionList", SettlementKind.Sale);
            ReadItemEvents(builder, json, events, "RefundEventList", "ShipmentItemAdjustmentList", "ItemChargeAdjustmentList", "ItemFeeAdjustmentList", "PromotionAdjustmentList", SettlementKind.Refund);

            // A chargeback (the buyer's card issuer) and an A-to-z guarantee claim take an order's money back as a refund does.
            ReadItemEvents(builder, json, events, "ChargebackEventList", "ShipmentItemAdjustmentList", "ItemChargeAdjustmentList", "ItemFeeAdjustmentList", "PromotionAdjustmentList", SettlementKind.Refund);
            ReadItemEvents(builder, json, events, "GuaranteeClaimEventList", "ShipmentItemAdjustmentList", "ItemChargeAdjustmentList", "ItemFeeAdjustmentList", "PromotionAdjustmentList", SettlementKind.Refund);
            ReadAccountCharges(builder, json, events);
            ReadServiceFees(builder, json, events);
            ReadAdjustments(builder, json, events);
            ReadSafeTReimbursements(builder, json, events);
            ReadLiquidations(builder, json, events);
            CountUnread(json, events, unread);
            next = json.OptionalText(payload["NextToken"], "payload.NextToken");
        }
        while (next is not null);

        return (builder.Lines, Sorted(unread));
    }

    /// <summary>
    /// Counts, by name, the events of every list Amazon sent that is not read here. Amazon adds lists over time and sends
    /// many of them empty on every answer; an empty one moved no money. A non-empty one did, and none of it is in the
    /// lines, so the group's total cannot be checked against them: counted, the payout says so instead of looking short.
    /// </summary>
    private static void CountUnread(SettlementJson json, JsonNode events, Dictionary<string, int> unread)
    {
        var lists = events as JsonObject ?? throw json.Wrong("payload.FinancialEvents", "is not an object");
        foreach (var (name, value) in lists)
        {
            if (name.EndsWith("EventList", StringComparison.Ordinal) && !ReadLists.Contains(name))
            {
                var count = json.Array(value, $"payload.FinancialEvents.{name}").Count;
                if (count > 0)
                {
                    unread[name] = unread.GetValueOrDefault(name) + count;
                }
            }
        }
    }

    private static IReadOnlyList<UnreadEventList> Sorted(Dictionary<string, int> unread) =>
        [.. unread.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new UnreadEventList(u.Key, u.Value))];

    /// <summary>
    /// A SAFE-T claim Amazon paid the seller (damage, loss or a buyer return it reimburses): money in, of no sales order, so
    /// an adjustment line of its <c>ReimbursedAmount</c>, told apart by its claim id.
    /// </summary>
    private static void ReadSafeTReimbursements(LineBuilder builder, SettlementJson json, JsonNode events)
    {
        const string List = "SAFETReimbursementEventList";
        var entries = json.Array(events[List], $"payload.FinancialEvents.{List}");
        for (var e = 0; e < entries.Count; e++)
        {
            var field = $"payload.FinancialEvents.{List}[{e}]";
            var amount = entries[e]?["ReimbursedAmount"] ?? throw json.Wrong($"{field}.ReimbursedAmount", "is missing");
            var claimId = json.OptionalText(entries[e]?["SAFETClaimId"], $"{field}.SAFETClaimId");
            builder.Add(
                null, SettlementKind.Adjustment, "SAFETReimbursement",
                json.Money(amount["CurrencyAmount"], $"{field}.ReimbursedAmount.CurrencyAmount"),
                json.Currency(amount["CurrencyCode"], $"{field}.ReimbursedAmount.CurrencyCode"),
                json.Time(entries[e]?["PostedDate"], $"{field}.PostedDate"), null, null, List, field,
                type: claimId is null ? null : $"SAFETReimbursement:{claimId}");
        }
    }

    /// <summary>
    /// FBA liquidation of removed stock: what the liquidator paid (an adjustment: money in of no sales order) and what
    /// Amazon charged for it (a fee, negative as Amazon states it), two lines told apart by the removal order. Either amount
    /// may be absent in Amazon's model; absent, it moved nothing.
    /// </summary>
    private static void ReadLiquidations(LineBuilder builder, SettlementJson json, JsonNode events)
    {
        const string List = "FBALiquidationEventList";
        var entries = json.Array(events[List], $"payload.FinancialEvents.{List}");
        for (var e = 0; e < entries.Count; e++)
        {
            var field = $"payload.FinancialEvents.{List}[{e}]";
            var posted = json.Time(entries[e]?["PostedDate"], $"{field}.PostedDate");
            var removalId = json.OptionalText(entries[e]?["OriginalRemovalOrderId"], $"{field}.OriginalRemovalOrderId");
            Part("LiquidationProceedsAmount", SettlementKind.Adjustment, "LiquidationProceeds");
            Part("LiquidationFeeAmount", SettlementKind.Fee, "LiquidationFee");

            void Part(string amountName, SettlementKind kind, string type)
            {
                if (entries[e]?[amountName] is not { } amount)
                {
                    return;
                }

                builder.Add(
                    null, kind, type,
                    json.Money(amount["CurrencyAmount"], $"{field}.{amountName}.CurrencyAmount"),
                    json.Currency(amount["CurrencyCode"], $"{field}.{amountName}.CurrencyCode"),
                    posted, null, null, List, $"{field}.{amountName}",
                    type: removalId is null ? null : $"{type}:{removalId}");
            }
        }
    }

    private static void ReadItemEvents(LineBuilder builder, SettlementJson json, JsonNode events, string list, string items, string charges, string fees, string promotions, SettlementKind chargeKind)
    {
        var entries = json.Array(events[list], $"payload.FinancialEvents.{list}");
        for (var e = 0; e < entries.Count; e++)
        {
            var field = $"payload.FinancialEvents.{list}[{e}]";
            var orderId = json.Text(entries[e]?["AmazonOrderId"], $"{field}.AmazonOrderId");
            var posted = json.Time(entries[e]?["PostedDate"], $"{field}.PostedDate");
            var itemList = json.Array(entries[e]?[items], $"{field}.{items}");
            for (var i = 0; i < itemList.Count; i++)
            {
                var itemField = $"{field}.{items}[{i}]";
                var item = itemList[i];
                var sku = json.OptionalText(item?["SellerSKU"], $"{itemField}.SellerSKU");
                var lineId = json.OptionalText(item?["OrderItemId"], $"{itemField}.OrderItemId") ?? json.OptionalText(item?["OrderAdjustmentItemId"], $"{itemField}.OrderAdjustmentItemId");
                builder.Amounts(item?[charges], $"{itemField}.{charges}", "ChargeType", "ChargeAmount", chargeKind, orderId, sku, lineId, posted, list);
                builder.Amounts(item?[fees], $"{itemField}.{fees}", "FeeType", "FeeAmount", SettlementKind.Fee, orderId, sku, lineId, posted, list);

                // The group's total is net of both: a promotion the seller funded, and the sales tax Amazon collected as
                // marketplace facilitator (charged as Tax in the charges above) and kept. Left out, every such payout
                // would look short by them.
                builder.Amounts(item?[promotions], $"{itemField}.{promotions}", "PromotionType", "PromotionAmount", chargeKind, orderId, sku, lineId, posted, $"{list}.{promotions}");
                var withheld = json.Array(item?["ItemTaxWithheldList"], $"{itemField}.ItemTaxWithheldList");
                for (var w = 0; w < withheld.Count; w++)
                {
                    builder.Amounts(
                        withheld[w]?["TaxesWithheld"], $"{itemField}.ItemTaxWithheldList[{w}].TaxesWithheld", "ChargeType", "ChargeAmount", SettlementKind.Adjustment,
                        orderId, sku, lineId, posted, $"{list}.ItemTaxWithheldList");
                }
            }
        }
    }

    /// <summary>
    /// What Amazon takes from the proceeds for services billed to the account, not to an order: Sponsored Products bought
    /// on credit, deals and coupons. Each is a fee line of its total (negative a charge, positive its refund), typed by the
    /// list (a deal by its own fee type) and told apart by its invoice, deal or coupon id. Left out, every group with them
    /// looked paid short by them, and finance got a payout mismatch for money that was only spent on ads.
    /// </summary>
    private static void ReadAccountCharges(LineBuilder builder, SettlementJson json, JsonNode events)
    {
        // Sponsored Products and deal payments are camelCase in Amazon's model; coupon payments are not.
        ReadCharges(builder, json, events, "ProductAdsPaymentEventList", "postedDate", "transactionValue", "invoiceId", feeTypeName: null);
        ReadCharges(builder, json, events, "SellerDealPaymentEventList", "postedDate", "totalAmount", "dealId", feeTypeName: "feeType");
        ReadCharges(builder, json, events, "CouponPaymentEventList", "PostedDate", "TotalAmount", "CouponId", feeTypeName: null);
    }

    private static void ReadCharges(LineBuilder builder, SettlementJson json, JsonNode events, string list, string postedName, string amountName, string idName, string? feeTypeName)
    {
        var listType = list[..^"EventList".Length];
        var entries = json.Array(events[list], $"payload.FinancialEvents.{list}");
        for (var e = 0; e < entries.Count; e++)
        {
            var field = $"payload.FinancialEvents.{list}[{e}]";
            var money = entries[e]?[amountName] ?? throw json.Wrong($"{field}.{amountName}", "is missing");
            var feeType = (feeTypeName is null ? null : json.OptionalText(entries[e]?[feeTypeName], $"{field}.{feeTypeName}")) ?? listType;
            builder.Add(
                null, SettlementKind.Fee, feeType,
                json.Money(money["CurrencyAmount"], $"{field}.{amountName}.CurrencyAmount"),
                json.Currency(money["CurrencyCode"], $"{field}.{amountName}.CurrencyCode"),
                entries[e]?[postedName] is { } posted ? json.Time(posted, $"{field}.{postedName}") : builder.GroupTime,
                null, null, list, field,
                type: json.OptionalText(entries[e]?[idName], $"{field}.{idName}") is { } id ? $"{feeType}:{id}" : null);
        }
    }

    private static void ReadServiceFees(LineBuilder builder, SettlementJson json, JsonNode events)
    {
        var entries = json.Array(events["ServiceFeeEventList"], "payload.FinancialEvents.ServiceFeeEventList");
        for (var e = 0; e < entries.Count; e++)
        {
            var field = $"payload.FinancialEvents.ServiceFeeEventList[{e}]";
            var orderId = json.OptionalText(entries[e]?["AmazonOrderId"], $"{field}.AmazonOrderId");
            var posted = entries[e]?["PostedDate"] is { } p ? json.Time(p, $"{field}.PostedDate") : builder.GroupTime;
            builder.Amounts(entries[e]?["FeeList"], $"{field}.FeeList", "FeeType", "FeeAmount", SettlementKind.Fee, orderId, json.OptionalText(entries[e]?["SellerSKU"], $"{field}.SellerSKU"), null, posted, "ServiceFeeEventList");
        }
    }

    private static void ReadAdjustments(LineBuilder builder, SettlementJson json, JsonNode events)
    {
        var entries = json.Array(events["AdjustmentEventList"], "payload.FinancialEvents.AdjustmentEventList");
        for (var e = 0; e < entries.Count; e++)
        {
            var field = $"payload.FinancialEvents.AdjustmentEventList[{e}]";
            var type = json.Text(entries[e]?["AdjustmentType"], $"{field}.AdjustmentType");
            var amount = entries[e]?["AdjustmentAmount"] ?? throw json.Wrong($"{field}.AdjustmentAmount", "is missing");
            builder.Add(
                null, SettlementKind.Adjustment, type,
                json.Money(amount["CurrencyAmount"], $"{field}.AdjustmentAmount.CurrencyAmount"),
                json.Currency(amount["CurrencyCode"], $"{field}.AdjustmentAmount.CurrencyCode"),
                json.Time(entries[e]?["PostedDate"], $"{field}.PostedDate"), null, null, "AdjustmentEventList", field);
        }
    }

    private async Task<string> GetAsync(string token, string accountId, string path, string operation, CancellationToken cancellationToken)
    {
        using var request = AmazonRequest.Create(HttpMethod.Get, path, token, accountId);
        var answer = await ChannelApiCall.SendAsync(httpClient, request, Channel, operation, "(settlements)", AmazonRequest.RequestIdOf, logger, cancellationToken);
        return answer.Body;
    }

    private static string NextQuery(string? next) => next is null ? string.Empty : $"&NextToken={Uri.EscapeDataString(next)}";

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Collects a group's lines, giving each a transaction id that is stable across reads of the group.</summary>
    private sealed class LineBuilder(SalesChannel channel, string accountId, string groupId, DateTimeOffset groupStart, SettlementJson json)
    {
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public List<SettlementLine> Lines { get; } = [];

        /// <summary>
        /// The posting time of an event Amazon gives none (a ServiceFeeEvent has no PostedDate): the group's start, which
        /// every read of the group returns alike, so the line's transaction id does not move while an open group grows.
        /// </summary>
        public DateTimeOffset GroupTime => groupStart;

        public void Amounts(JsonNode? list, string field, string typeName, string amountName, SettlementKind kind, string? orderId, string? sku, string? lineId, DateTimeOffset posted, string source)
        {
            var entries = json.Array(list, field);
            for (var k = 0; k < entries.Count; k++)
            {
                var entryField = $"{field}[{k}]";
                var type = json.Text(entries[k]?[typeName], $"{entryField}.{typeName}");
                var money = entries[k]?[amountName] ?? throw json.Wrong($"{entryField}.{amountName}", "is missing");
                var amount = json.Money(money["CurrencyAmount"], $"{entryField}.{amountName}.CurrencyAmount");
                var currency = json.Currency(money["CurrencyCode"], $"{entryField}.{amountName}.CurrencyCode");
                Add(orderId, kind, kind == SettlementKind.Fee ? type : null, amount, currency, posted, sku, lineId, source, entryField, type);
            }
        }

        public void Add(string? orderId, SettlementKind kind, string? feeType, decimal amount, string currency, DateTimeOffset posted, string? sku, string? lineId, string source, string field, string? type = null)
        {
            var key = string.Join(':', groupId, source, orderId ?? "-", lineId ?? sku ?? "-", posted.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), type ?? feeType ?? kind.ToString());
            var occurrence = _seen[key] = _seen.GetValueOrDefault(key) + 1;
            Lines.Add(new SettlementLine(channel, accountId, $"{key}:{occurrence.ToString(CultureInfo.InvariantCulture)}", groupId, orderId, kind, amount, currency, posted)
            {
                FeeType = feeType,
                Sku = sku,
                LineId = lineId,
                Source = field,
            });
        }
    }
}
