using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;

namespace ServerlessOps.Domain.Channels.Walmart;

/// <summary>
/// A purchase order read back from <c>GET /v3/orders/{purchaseOrderId}</c> (CHANNELS.md 3.5, sample walmart-get-order.json).
/// PRODUCT charges are line totals (unconfirmed: unit price = amount / quantity in cents, the total kept exact as the
/// line price); negative PRODUCT charges are discounts; SHIPPING charges and their tax go to the order's shipping. The version is the latest line
/// <c>statusDate</c>. Walmart's JSON comes from XML, so a one-element list may arrive as the element itself. Units per
/// line come from the line statuses (<see cref="WalmartOrderStatusMapper"/>), refunds from the lines' <c>refund</c>
/// blocks (<see cref="WalmartRefundMapper"/>). Walmart US charges tax on top of every charge: prices exclude tax.
/// </summary>
public static class WalmartOrderMapper
{
    private const string ProductCharge = "PRODUCT";
    private const string ShippingCharge = "SHIPPING";
    private static readonly string[] _chargeTypes = [ProductCharge, ShippingCharge];

    public static Order Map(ChannelOrderDocument document, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(account);
        var root = JsonCursor.Parse(document.Part(ChannelOrderDocument.WalmartOrder), "GET /v3/orders").ExpectObject();
        var order = (root.Optional("order") ?? root).ExpectObject();

        var idField = order.Property("purchaseOrderId");
        var purchaseOrderId = idField.GetId();
        if (!string.Equals(purchaseOrderId, document.ExternalOrderId, StringComparison.Ordinal))
        {
            throw idField.Fail($"expected purchase order {document.ExternalOrderId}");
        }

        var lines = new List<OrderLine>();
        var progress = new List<WalmartLineProgress>();
        var shipments = new List<Shipment>();
        var statuses = new List<string>();
        string? currency = null;
        decimal shippingPrice = 0m, shippingTax = 0m, shippingDiscount = 0m, charged = 0m;
        DateTimeOffset? version = null;

        var orderLines = order.Property("orderLines").Property("orderLine").ItemsOrSingle();
        if (orderLines.Count == 0)
        {
            throw order.Property("orderLines").Property("orderLine").Fail("expected at least one order line");
        }

        foreach (var line in orderLines)
        {
            var quantityField = line.Property("orderLineQuantity").Property("amount");
            var quantity = (int)WholeUnits(quantityField);
            decimal productTotal = 0m, discount = 0m, tax = 0m;
            foreach (var charge in line.Optional("charges")?.Optional("charge")?.ItemsOrSingle() ?? [])
            {
                var type = charge.Property("chargeType").GetOneOf(_chargeTypes);
                var amountField = charge.Property("chargeAmount");
                var amount = amountField.Property("amount").GetDecimal();
                currency ??= amountField.Optional("currency")?.GetNonEmptyString();
                var chargeTax = charge.Optional("tax")?.Optional("taxAmount")?.Property("amount").GetDecimal() ?? 0m;
                charged += amount + chargeTax;
                if (string.Equals(type, ProductCharge, StringComparison.OrdinalIgnoreCase))
                {
                    if (amount < 0)
                    {
                        discount -= amount;
                    }
                    else
                    {
                        productTotal += amount;
                    }

                    tax += chargeTax;
                }
                else if (amount < 0)
                {
                    shippingDiscount -= amount;
                    shippingTax += chargeTax;
                }
                else
                {
                    shippingPrice += amount;
                    shippingTax += chargeTax;
                }
            }

            var (lineProgress, lineStatuses) = ReadStatuses(line, quantity, shipments);
            progress.Add(lineProgress);
            statuses.AddRange(lineStatuses);

            if (line.Optional("statusDate") is { } statusDate)
            {
                var at = statusDate.GetEpochMillisecondsOrIsoTime();
                version = version is null || at > version ? at : version;
            }

            var item = line.Property("item");
            lines.Add(new OrderLine(
                LineId: line.Property("lineNumber").GetId(),
                Sku: item.Property("sku").GetNonEmptyString(),
                Title: item.Optional("productName")?.GetString(),
                Quantity: quantity,
                // Money rounded as the house rounds it (cents, midpoint away from zero); the total stays exact beside it.
                UnitPrice: quantity == 0 ? productTotal : PriceGuardrail.Round(productTotal / quantity),
                Discount: discount,
                Tax: tax,
                QuantityShipped: Math.Min(quantity, lineProgress.Shipped),
                QuantityCancelled: Math.Min(quantity, lineProgress.Cancelled))
            {
                LinePrice = quantity == 0 ? null : productTotal,
            });
        }

        var shippingInfo = order.Optional("shippingInfo");
        var address = shippingInfo?.Optional("postalAddress");
        return OrderLedger.Settle(new Order
        {
            BrandId = account.BrandId,
            Channel = SalesChannel.Walmart,
            ChannelAccountId = account.AccountId,
            ExternalOrderId = purchaseOrderId,
            DisplayNumber = order.Optional("customerOrderId")?.GetId(),
            // Derived by OrderLedger.Settle from the lines, the refunds and the facts.
            Status = OrderStatus.Pending,
            ChannelStatus = string.Join(",", statuses.Distinct(StringComparer.OrdinalIgnoreCase)),
            ChannelFacts = new OrderChannelFacts { Delivered = WalmartOrderStatusMapper.AllDelivered(progress) },
            PricesIncludeTax = false,
            Refunds = WalmartRefundMapper.Map(purchaseOrderId, orderLines),
            Currency = currency ?? order.Optional("orderSummary")?.Optional("totalAmount")?.Optional("currency")?.GetString() ?? WalmartEventMappers.MarketplaceCurrency,
            Lines = lines,
            Shipping = new ShippingInfo(
                Method: shippingInfo?.Optional("methodCode")?.GetString(),
                Price: shippingPrice,
                Tax: shippingTax,
                Discount: shippingDiscount,
                CountryCode: CountryCode(address?.Optional("country")?.GetString()),
                Region: address?.Optional("state")?.GetString(),
                PostalCode: address?.Optional("postalCode")?.GetString(),
                City: address?.Optional("city")?.GetString(),
                Shipments: shipments),

            // orderSummary.totalAmount where Walmart gives it; otherwise the sum of every charge and its tax, which is
            // what the buyer was charged.
            Total = order.Optional("orderSummary")?.Optional("totalAmount")?.Property("amount").GetAmount() ?? charged,
            PlacedAt = order.Property("orderDate").GetEpochMillisecondsOrIsoTime(),

            // Walmart's own ship date for the order (epoch ms in the API, ISO in PO_CREATED): the SLA deadline.
            ShipBy = shippingInfo?.Optional("estimatedShipDate")?.GetEpochMillisecondsOrIsoTime(),
            Version = new OrderVersion(version ?? throw orderLines[0].Property("statusDate").Fail("expected a status date")),
            CancelReason = null,
        });
    }

    private static (WalmartLineProgress Progress, List<string> Statuses) ReadStatuses(JsonCursor line, int quantity, List<Shipment> shipments)
    {
        int shipped = 0, delivered = 0, cancelled = 0;
        var statuses = new List<string>();
        var entries = line.Property("orderLineStatuses").Property("orderLineStatus").ItemsOrSingle();
        foreach (var entry in entries)
        {
            var status = entry.Property("status").GetOneOf(WalmartOrderStatusMapper.KnownLineStatuses);
            statuses.Add(status);

            // A single status entry without a quantity covers the whole line.
            var units = entry.Optional("statusQuantity") is { } statusQuantity
                ? (int)WholeUnits(statusQuantity.Property("amount"))
                : entries.Count == 1 ? quantity : throw entry.Property("statusQuantity").Fail("expected the units in this status");
            if (WalmartOrderStatusMapper.IsCancelled(status))
            {
                cancelled += units;
            }

            if (WalmartOrderStatusMapper.IsShipped(status))
            {
                shipped += units;
            }

            if (WalmartOrderStatusMapper.IsDelivered(status))
            {
                delivered += units;
            }

            if (entry.Optional("trackingInfo") is { } tracking && WalmartOrderStatusMapper.IsShipped(status))
            {
                shipments.Add(new Shipment(
                    Carrier(tracking.Optional("carrierName")),
                    tracking.Optional("trackingNumber")?.GetId(),
                    tracking.Optional("shipDateTime")?.GetEpochMillisecondsOrIsoTime()));
            }
        }

        return (new WalmartLineProgress(quantity, shipped, delivered, cancelled), statuses);
    }

    // Quantities are numeric strings ("2") in the orders API; a fractional or negative count is a payload error.
    private static long WholeUnits(JsonCursor amount)
    {
        var value = amount.Kind == System.Text.Json.JsonValueKind.Number ? amount.GetDecimal() : amount.GetDecimalString();
        if (value < 0 || decimal.Truncate(value) != value || value > int.MaxValue)
        {
            throw amount.Fail("expected a whole, non-negative number of units");
        }

        return (long)value;
    }

    // carrierName is {"otherCarrier": null, "carrier": "UPS"} in the orders model; a plain string is accepted too.
    private static string? Carrier(JsonCursor? carrierName)
    {
        if (carrierName is not { } value)
        {
            return null;
        }

        return value.Kind == System.Text.Json.JsonValueKind.String
            ? value.GetString()
            : value.OptionalAny("carrier", "otherCarrier")?.GetString();
    }

    // Walmart writes ISO 3166 alpha-3 ("USA"); the canonical model uses alpha-2 like the other channels.
    private static string? CountryCode(string? country) =>
        string.Equals(country, "USA", StringComparison.OrdinalIgnoreCase) ? "US" : country;
}
