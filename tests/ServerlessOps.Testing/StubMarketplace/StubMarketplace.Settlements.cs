using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// Settlement data per channel, over payouts a test puts (<see cref="PutPayout"/>), in each channel's published shape:
/// Amazon Finances v0 (<c>GET /finances/v0/financialEventGroups</c>, <c>.../{id}/financialEvents</c>), Shopify Payments
/// (<c>GET /admin/api/{version}/shopify_payments/payouts.json</c>, paged as Shopify pages it (<see cref="ShopifyPayoutPage"/>),
/// <c>.../balance/transactions.json?payout_id</c>), Walmart's
/// reconciliation report (<c>GET /v3/report/reconreport/availableReconFiles</c>, <c>.../reconFileJson?reportDate</c>) and TikTok
/// Shop Finance (<c>GET /finance/202309/statements</c>, <c>.../{id}/statement_transactions</c>, signed). A payout pays Σ its
/// rows unless a mismatch is planted (<see cref="PlantPayoutMismatch"/>); <see cref="PlantFee"/> adds a fee row to a payout;
/// <see cref="BreakNextSettlementAnswer"/> makes the next payout list of a channel lose a required field. Credentials are
/// checked as on the order APIs (a token issued here and expired or revoked is refused with 401); injected failures
/// (<see cref="FailNext"/>) apply.
/// </summary>
public sealed partial class StubMarketplace
{
    private readonly ConcurrentDictionary<(SalesChannel Channel, string PayoutId), StubPayout> _payouts = new();
    private readonly ConcurrentDictionary<SalesChannel, int> _brokenSettlementAnswers = new();

    /// <summary>
    /// Serves <paramref name="payout"/> on <paramref name="channel"/>'s settlement API and returns the payout id the channel
    /// will report: the given id, but for Walmart the report date (<c>MMddyyyy</c> of <see cref="StubPayout.PaidAt"/>), which
    /// is how Walmart names a settlement period.
    /// </summary>
    public string PutPayout(SalesChannel channel, StubPayout payout)
    {
        ArgumentNullException.ThrowIfNull(payout);
        var id = channel == SalesChannel.Walmart ? payout.PaidAt.UtcDateTime.ToString("MMddyyyy", CultureInfo.InvariantCulture) : payout.PayoutId;
        _payouts[(channel, id)] = payout with { PayoutId = id };
        return id;
    }

    /// <summary>From now on the payout says it paid Σ its rows + <paramref name="delta"/>: a payout its rows do not explain.</summary>
    public void PlantPayoutMismatch(SalesChannel channel, string payoutId, decimal delta) =>
        _payouts.AddOrUpdate((channel, payoutId), _ => throw new ArgumentException($"No {channel} payout {payoutId} was put.", nameof(payoutId)), (_, p) => p with { PaidDelta = delta });

    /// <summary>Adds <paramref name="fee"/> (a negative amount) to the payout's rows; what it paid follows its rows.</summary>
    public void PlantFee(SalesChannel channel, string payoutId, StubSettlementRow fee)
    {
        ArgumentNullException.ThrowIfNull(fee);
        _payouts.AddOrUpdate((channel, payoutId), _ => throw new ArgumentException($"No {channel} payout {payoutId} was put.", nameof(payoutId)), (_, p) => p with { Rows = [.. p.Rows, fee with { Kind = StubSettlementKind.Fee }] });
    }

    /// <summary>The next <paramref name="count"/> payout lists of <paramref name="channel"/> answer 200 with a required field (the payout's amount) missing.</summary>
    public void BreakNextSettlementAnswer(SalesChannel channel, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _brokenSettlementAnswers.AddOrUpdate(channel, count, (_, n) => n + count);
    }

    private void MapSettlements(WebApplication app)
    {
        app.MapGet("/finances/v0/financialEventGroups", context => SettlementAsync(context, SalesChannel.Amazon, list: true));
        app.MapGet("/finances/v0/financialEventGroups/{payoutId}/financialEvents", context => SettlementAsync(context, SalesChannel.Amazon, list: false));
        app.MapGet("/admin/api/{version}/shopify_payments/payouts.json", context => SettlementAsync(context, SalesChannel.Shopify, list: true));
        app.MapGet("/admin/api/{version}/shopify_payments/balance/transactions.json", context => SettlementAsync(context, SalesChannel.Shopify, list: false));
        app.MapGet("/v3/report/reconreport/availableReconFiles", context => SettlementAsync(context, SalesChannel.Walmart, list: true));
        app.MapGet("/v3/report/reconreport/reconFileJson", context => SettlementAsync(context, SalesChannel.Walmart, list: false));
        app.MapGet("/finance/202309/statements", context => SettlementAsync(context, SalesChannel.TikTokShop, list: true));
        app.MapGet("/finance/202309/statements/{payoutId}/statement_transactions", context => SettlementAsync(context, SalesChannel.TikTokShop, list: false));
    }

    private async Task SettlementAsync(HttpContext context, SalesChannel channel, bool list)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        if (await NextFaultAsync(context, channel, receivedAt) is { } fault)
        {
            await AnswerAsync(context, channel, receivedAt, fault.StatusCode, SearchError(channel, "Injected failure."), "injected", fault);
            return;
        }

        var refusal = channel == SalesChannel.TikTokShop
            ? CheckTikTokCredentials(context, receivedAt, [])?.Message
            : Header(context, TokenHeader(channel)) is not { Length: > 0 } token ? $"{TokenHeader(channel)} missing" : ExpiredIssuedToken(channel, token, TokenHeader(channel));
        if (refusal is not null)
        {
            await AnswerAsync(context, channel, receivedAt, StatusCodes.Status401Unauthorized, SearchError(channel, refusal), refusal);
            return;
        }

        if (list && channel == SalesChannel.Shopify && ShopifyPayoutPageRefusal(context.Request.Query) is { } invalid)
        {
            await AnswerAsync(context, channel, receivedAt, StatusCodes.Status400BadRequest, SearchError(channel, invalid), invalid);
            return;
        }

        var payouts = _payouts.Where(p => p.Key.Channel == channel).Select(p => p.Value).OrderBy(p => p.PaidAt).ThenBy(p => p.PayoutId, StringComparer.Ordinal).ToList();
        var broken = list && _brokenSettlementAnswers.TryGetValue(channel, out var left) && left > 0 && _brokenSettlementAnswers.TryUpdate(channel, left - 1, left);
        JsonObject body;
        if (list)
        {
            body = channel == SalesChannel.Shopify ? ShopifyPayoutPage(context, payouts, broken) : SettlementList(channel, context.Request.Query, payouts, broken);
        }
        else
        {
            var id = context.Request.RouteValues["payoutId"] as string
                ?? (channel == SalesChannel.Shopify ? context.Request.Query["payout_id"].ToString() : context.Request.Query["reportDate"].ToString());
            if (!_payouts.TryGetValue((channel, id), out var payout))
            {
                await AnswerAsync(context, channel, receivedAt, StatusCodes.Status404NotFound, SearchError(channel, $"No payout {id}."), "not found");
                return;
            }

            body = SettlementRows(channel, payout);
        }

        await AnswerAsync(context, channel, receivedAt, StatusCodes.Status200OK, body.ToJsonString(), list ? "payouts listed" : "payout rows served");
    }

    private static JsonObject SettlementList(SalesChannel channel, IQueryCollection query, List<StubPayout> payouts, bool broken)
    {
        switch (channel)
        {
            case SalesChannel.Amazon:
                var after = Iso(query["FinancialEventGroupStartedAfter"]);
                var before = query.ContainsKey("FinancialEventGroupStartedBefore") ? Iso(query["FinancialEventGroupStartedBefore"]) : DateTimeOffset.MaxValue;
                return new JsonObject
                {
                    ["payload"] = new JsonObject
                    {
                        ["FinancialEventGroupList"] = new JsonArray([.. payouts.Where(p => p.StartedAt >= after && p.StartedAt < before).Select(p => (JsonNode)new JsonObject
                        {
                            ["FinancialEventGroupId"] = p.PayoutId,
                            ["ProcessingStatus"] = p.Open ? "Open" : "Closed",
                            ["FundTransferStatus"] = p.Open ? "Unknown" : "Succeeded",
                            ["OriginalTotal"] = broken ? null : new JsonObject { ["CurrencyCode"] = p.Currency, ["CurrencyAmount"] = p.Paid },
                            ["FundTransferDate"] = Time(p.PaidAt),
                            ["FinancialEventGroupStart"] = Time(p.StartedAt),
                            ["FinancialEventGroupEnd"] = Time(p.PaidAt),
                        })]),
                    },
                };
            case SalesChannel.Walmart:
                return new JsonObject
                {
                    ["availableApReportDates"] = new JsonArray([.. payouts.Select(p => (JsonNode)(broken ? Day(p.PaidAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : p.PayoutId))]),
                };
            default:
                var ge = long.TryParse(query["statement_time_ge"].ToString(), CultureInfo.InvariantCulture, out var g) ? g : 0;
                var lt = long.TryParse(query["statement_time_lt"].ToString(), CultureInfo.InvariantCulture, out var l) ? l : long.MaxValue;
                return new JsonObject
                {
                    ["code"] = 0,
                    ["message"] = "Success",
                    ["request_id"] = NewRequestId(),
                    ["data"] = new JsonObject
                    {
                        ["statements"] = new JsonArray([.. payouts.Where(p => p.PaidAt.ToUnixTimeSeconds() >= ge && p.PaidAt.ToUnixTimeSeconds() < lt).Select(p => (JsonNode)new JsonObject
                        {
                            ["id"] = p.PayoutId,
                            ["statement_time"] = p.PaidAt.ToUnixTimeSeconds(),
                            ["settlement_amount"] = broken ? "not-an-amount" : Money(p.Paid),
                            ["currency"] = p.Currency,
                            ["payment_status"] = "PAID",
                        })]),
                    },
                };
        }
    }

    private static JsonObject SettlementRows(SalesChannel channel, StubPayout payout) => channel switch
    {
        SalesChannel.Amazon => AmazonEvents(payout),
        SalesChannel.Shopify => ShopifyTransactions(payout),
        SalesChannel.Walmart => WalmartReport(payout),
        _ => TikTokTransactions(payout),
    };

    /// <summary>Rows of one order, line and posting time make one shipment (or refund) event item with its charges and fees.</summary>
    private static JsonObject AmazonEvents(StubPayout payout)
    {
        JsonObject Amount(StubSettlementRow r) => new() { ["CurrencyCode"] = r.Currency ?? payout.Currency, ["CurrencyAmount"] = r.Amount };
        JsonArray Events(IEnumerable<StubSettlementRow> rows, string items, string charges, string fees) => new([.. rows
            .GroupBy(r => (r.OrderId, r.PostedAt))
            .Select(e => (JsonNode)new JsonObject
            {
                ["AmazonOrderId"] = e.Key.OrderId,
                ["PostedDate"] = Time(e.Key.PostedAt),
                [items] = new JsonArray([.. e.GroupBy(r => (r.LineId, r.Sku)).Select(i => (JsonNode)new JsonObject
                {
                    ["SellerSKU"] = i.Key.Sku,
                    ["OrderItemId"] = i.Key.LineId,
                    [charges] = new JsonArray([
                        .. i.Where(r => r.Kind != StubSettlementKind.Fee).Select(r => (JsonNode)new JsonObject { ["ChargeType"] = "Principal", ["ChargeAmount"] = Amount(r) }),
                        .. i.Where(r => r.TaxWithheld is not null).Select(r => (JsonNode)new JsonObject { ["ChargeType"] = "Tax", ["ChargeAmount"] = Amount(r with { Amount = r.TaxWithheld!.Value }) }),
                    ]),
                    [fees] = new JsonArray([.. i.Where(r => r.Kind == StubSettlementKind.Fee).Select(r => (JsonNode)new JsonObject { ["FeeType"] = r.FeeType ?? "Commission", ["FeeAmount"] = Amount(r) })]),
                    ["ItemTaxWithheldList"] = new JsonArray([.. i.Where(r => r.TaxWithheld is not null).Select(r => (JsonNode)new JsonObject
                    {
                        ["TaxCollectionModel"] = "MarketplaceFacilitator",
                        ["TaxesWithheld"] = new JsonArray(new JsonObject { ["ChargeType"] = "MarketplaceFacilitatorTax-Principal", ["ChargeAmount"] = Amount(r with { Amount = -r.TaxWithheld!.Value }) }),
                    })]),
                })]),
            })]);

        IEnumerable<StubSettlementRow> In(string list) => payout.Rows.Where(r => r.AmazonList == list);
        var byOrder = payout.Rows.Where(r => r.OrderId is not null && r.Kind != StubSettlementKind.Adjustment && r.AmazonList is null).ToList();
        return new JsonObject
        {
            ["payload"] = new JsonObject
            {
                ["FinancialEvents"] = new JsonObject
                {
                    ["ShipmentEventList"] = Events(byOrder.Where(r => r.Kind is StubSettlementKind.Sale or StubSettlementKind.Fee), "ShipmentItemList", "ItemChargeList", "ItemFeeList"),
                    ["RefundEventList"] = Events(byOrder.Where(r => r.Kind == StubSettlementKind.Refund), "ShipmentItemAdjustmentList", "ItemChargeAdjustmentList", "ItemFeeAdjustmentList"),
                    ["ChargebackEventList"] = Events(In("ChargebackEventList"), "ShipmentItemAdjustmentList", "ItemChargeAdjustmentList", "ItemFeeAdjustmentList"),
                    ["GuaranteeClaimEventList"] = Events(In("GuaranteeClaimEventList"), "ShipmentItemAdjustmentList", "ItemChargeAdjustmentList", "ItemFeeAdjustmentList"),

                    // Sponsored Products and deal payments are camelCase in Amazon's model; coupon payments are not.
                    ["ProductAdsPaymentEventList"] = new JsonArray([.. In("ProductAdsPaymentEventList").Select((r, n) => (JsonNode)new JsonObject
                    {
                        ["postedDate"] = Time(r.PostedAt),
                        ["transactionType"] = r.Amount < 0m ? "charge" : "refund",
                        ["invoiceId"] = $"TR1-{payout.PayoutId}-{n + 1}",
                        ["baseValue"] = Amount(r),
                        ["taxValue"] = Amount(r with { Amount = 0m }),
                        ["transactionValue"] = Amount(r),
                    })]),
                    ["SellerDealPaymentEventList"] = new JsonArray([.. In("SellerDealPaymentEventList").Select((r, n) => (JsonNode)new JsonObject
                    {
                        ["postedDate"] = Time(r.PostedAt),
                        ["dealId"] = $"deal-{n + 1}",
                        ["dealDescription"] = "Lightning deal",
                        ["eventType"] = "SellerDealComplete",
                        ["feeType"] = r.FeeType ?? "RunLightningDealFee",
                        ["feeAmount"] = Amount(r),
                        ["taxAmount"] = Amount(r with { Amount = 0m }),
                        ["totalAmount"] = Amount(r),
                    })]),
                    ["CouponPaymentEventList"] = new JsonArray([.. In("CouponPaymentEventList").Select((r, n) => (JsonNode)new JsonObject
                    {
                        ["PostedDate"] = Time(r.PostedAt),
                        ["CouponId"] = $"coupon-{n + 1}",
                        ["SellerCouponDescription"] = "Save 10%",
                        ["CouponRedemptionCount"] = 1,
                        ["FeeComponent"] = new JsonObject { ["FeeType"] = "CouponRedemptionFee", ["FeeAmount"] = Amount(r) },
                        ["TotalAmount"] = Amount(r),
                    })]),

                    // A ServiceFeeEvent has no PostedDate in Amazon's model (AmazonOrderId, FeeReason, FeeList, SellerSKU, FnSKU, FeeDescription, ASIN).
                    ["ServiceFeeEventList"] = new JsonArray([.. payout.Rows.Where(r => r.OrderId is null && r.Kind == StubSettlementKind.Fee && r.AmazonList is null).Select(r => (JsonNode)new JsonObject
                    {
                        ["FeeReason"] = "Charge",
                        ["FeeList"] = new JsonArray(new JsonObject { ["FeeType"] = r.FeeType ?? "Subscription", ["FeeAmount"] = Amount(r) }),
                    })]),
                    ["AdjustmentEventList"] = new JsonArray([.. payout.Rows.Where(r => r.AmazonList is null && (r.Kind == StubSettlementKind.Adjustment || (r.OrderId is null && r.Kind != StubSettlementKind.Fee))).Select(r => (JsonNode)new JsonObject
                    {
                        ["AdjustmentType"] = "ReserveDebit",
                        ["PostedDate"] = Time(r.PostedAt),
                        ["AdjustmentAmount"] = Amount(r),
                    })]),

                    // A SAFE-T claim Amazon paid the seller: the claim's total, with its items' charges (camelCase in Amazon's model).
                    ["SAFETReimbursementEventList"] = new JsonArray([.. In("SAFETReimbursementEventList").Select((r, n) => (JsonNode)new JsonObject
                    {
                        ["PostedDate"] = Time(r.PostedAt),
                        ["SAFETClaimId"] = $"safet-{payout.PayoutId}-{n + 1}",
                        ["ReimbursedAmount"] = Amount(r),
                        ["ReasonCode"] = r.FeeType ?? "Damaged",
                        ["SAFETReimbursementItemList"] = new JsonArray(new JsonObject
                        {
                            ["itemChargeList"] = new JsonArray(new JsonObject { ["ChargeType"] = "Principal", ["ChargeAmount"] = Amount(r) }),
                            ["productDescription"] = r.Sku ?? "Returned item",
                            ["quantity"] = "1",
                        }),
                    })]),

                    // A liquidation's rows posted together are one event: its sale rows the proceeds, its fee rows the fee.
                    ["FBALiquidationEventList"] = new JsonArray([.. In("FBALiquidationEventList").GroupBy(r => r.PostedAt).Select((e, n) => (JsonNode)new JsonObject
                    {
                        ["PostedDate"] = Time(e.Key),
                        ["OriginalRemovalOrderId"] = $"removal-{payout.PayoutId}-{n + 1}",
                        ["LiquidationProceedsAmount"] = Amount(e.First() with { Amount = e.Where(r => r.Kind != StubSettlementKind.Fee).Sum(r => r.Amount) }),
                        ["LiquidationFeeAmount"] = Amount(e.First() with { Amount = e.Where(r => r.Kind == StubSettlementKind.Fee).Sum(r => r.Amount) }),
                    })]),

                    // Lists the reader does not read, served as Amazon does: present, and empty unless a row names them.
                    ["DebtRecoveryEventList"] = new JsonArray([.. In("DebtRecoveryEventList").Select(r => (JsonNode)new JsonObject
                    {
                        ["DebtRecoveryType"] = "DebtPayment",
                        ["RecoveryAmount"] = Amount(r),
                        ["OverPaymentCredit"] = Amount(r with { Amount = 0m }),
                        ["DebtRecoveryItemList"] = new JsonArray(),
                        ["ChargeInstrumentList"] = new JsonArray(),
                    })]),
                    ["RetrochargeEventList"] = new JsonArray([.. In("RetrochargeEventList").Select(r => (JsonNode)new JsonObject
                    {
                        ["RetrochargeEventType"] = "Retrocharge",
                        ["AmazonOrderId"] = r.OrderId,
                        ["PostedDate"] = Time(r.PostedAt),
                        ["BaseTax"] = Amount(r),
                        ["ShippingTax"] = Amount(r with { Amount = 0m }),
                        ["MarketplaceName"] = "Amazon.com",
                    })]),
                    ["LoanServicingEventList"] = new JsonArray(),
                    ["RemovalShipmentEventList"] = new JsonArray(),
                },
            },
        };
    }

    /// <summary>Each sale, refund or adjustment row is a balance transaction; an order's fee rows are the fee of its first charge (else a transaction of their own).</summary>
    private static JsonObject ShopifyTransactions(StubPayout payout)
    {
        var transactions = new JsonArray();
        var feesTaken = new HashSet<StubSettlementRow>();
        var n = 0;
        foreach (var row in payout.Rows.Where(r => r.Kind != StubSettlementKind.Fee))
        {
            var fee = 0m;
            if (row.Kind == StubSettlementKind.Sale && !transactions.Any(t => (string?)t?["source_order_id"] == row.OrderId && (string?)t?["type"] == "charge"))
            {
                var fees = payout.Rows.Where(r => r.Kind == StubSettlementKind.Fee && r.OrderId == row.OrderId).ToList();
                feesTaken.UnionWith(fees);
                fee = -fees.Sum(r => r.Amount);
            }

            transactions.Add(ShopifyTransaction(payout, ++n, row.Kind switch { StubSettlementKind.Sale => "charge", StubSettlementKind.Refund => "refund", _ => "adjustment" }, row, row.Amount, fee));
        }

        foreach (var row in payout.Rows.Where(r => r.Kind == StubSettlementKind.Fee && !feesTaken.Contains(r)))
        {
            transactions.Add(ShopifyTransaction(payout, ++n, "adjustment", row, 0m, -row.Amount));
        }

        transactions.Add(new JsonObject { ["id"] = $"{payout.PayoutId}99", ["type"] = "payout", ["payout_id"] = payout.PayoutId, ["amount"] = Money(-payout.Paid), ["fee"] = "0.00", ["net"] = Money(-payout.Paid), ["currency"] = payout.Currency, ["processed_at"] = Time(payout.PaidAt) });
        return new JsonObject { ["transactions"] = transactions };
    }

    private static JsonObject ShopifyTransaction(StubPayout payout, int n, string type, StubSettlementRow row, decimal amount, decimal fee) => new()
    {
        ["id"] = long.Parse($"{payout.PayoutId}{n:D3}", CultureInfo.InvariantCulture),
        ["type"] = type,
        ["payout_id"] = payout.PayoutId,
        ["payout_status"] = "paid",
        ["currency"] = row.Currency ?? payout.Currency,
        ["amount"] = Money(amount),
        ["fee"] = Money(fee),
        ["net"] = Money(amount - fee),
        ["source_order_id"] = row.OrderId,
        ["source_type"] = type == "adjustment" ? "adjustment" : "charge",
        ["processed_at"] = Time(row.PostedAt),
    };

    private static JsonObject WalmartReport(StubPayout payout)
    {
        var rows = new JsonArray(new JsonObject
        {
            ["Period Start Date"] = payout.StartedAt.UtcDateTime.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
            ["Period End Date"] = payout.PaidAt.UtcDateTime.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
            ["Currency"] = payout.Currency,
            ["Transaction Type"] = "PaymentSummary",
            ["Total Payable"] = Money(payout.Paid),
            ["Transaction Description"] = "Deposited in account",
            ["Transaction Posted Timestamp"] = payout.PaidAt.UtcDateTime.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
        });
        foreach (var row in payout.Rows)
        {
            rows.Add(new JsonObject
            {
                ["Walmart.com PO #"] = row.OrderId,
                ["Walmart.com PO Line #"] = row.LineId ?? "1",
                ["Partner Item ID"] = row.Sku,
                ["Currency"] = row.Currency ?? payout.Currency,
                ["Transaction Type"] = row.Kind switch { StubSettlementKind.Refund => "Refund", StubSettlementKind.Adjustment => "Adjustment", _ => "Sale" },
                ["Amount Type"] = row.Kind == StubSettlementKind.Fee ? row.FeeType ?? "Commission on Product" : "Product Price",
                ["Amount"] = Money(row.Amount),
                ["Transaction Posted Timestamp"] = row.PostedAt.UtcDateTime.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
            });
        }

        return new JsonObject { ["reportData"] = rows };
    }

    /// <summary>One transaction per order and kind (an order's sale and fee rows are one ORDER transaction).</summary>
    private static JsonObject TikTokTransactions(StubPayout payout)
    {
        var transactions = new JsonArray();
        var n = 0;
        foreach (var group in payout.Rows.GroupBy(r => (r.OrderId, Type: r.Kind switch { StubSettlementKind.Refund => "REFUND", StubSettlementKind.Adjustment => "ADJUSTMENT", _ => "ORDER" })))
        {
            var revenue = group.Where(r => r.Kind != StubSettlementKind.Fee).Sum(r => r.Amount);
            var fee = group.Where(r => r.Kind == StubSettlementKind.Fee).Sum(r => r.Amount);
            transactions.Add(new JsonObject
            {
                ["id"] = $"{payout.PayoutId}-{++n}",
                ["type"] = group.Key.Type,
                ["order_id"] = group.Key.OrderId,
                ["revenue_amount"] = Money(revenue),
                ["fee_amount"] = Money(fee),
                ["settlement_amount"] = Money(revenue + fee),
            });
        }

        return new JsonObject
        {
            ["code"] = 0,
            ["message"] = "Success",
            ["request_id"] = NewRequestId(),
            ["data"] = new JsonObject { ["statement_transactions"] = transactions },
        };
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);
}
