using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Tests.Properties.BadInput;

/// <summary>
/// What a complete result of a channel reader looks like, whatever the input was: a result either holds everything the
/// truth needs, in range, for the account it came from, or the reader must have refused the input. A violation listed
/// here is a partial or absurd record that would otherwise be written.
/// </summary>
internal static class ContentInvariants
{
    public static IReadOnlyList<string> Violations(DeliveryContent content, ChannelAccount account)
    {
        var violations = new List<string>();
        switch (content)
        {
            case OrderSnapshot snapshot:
                violations.AddRange(Violations(snapshot.Order, account));
                break;
            case OrderSignal signal:
                Require(violations, !string.IsNullOrWhiteSpace(signal.ExternalOrderId), "an order signal without an order id");
                break;
            case OrderFactReport facts:
                Require(violations, !string.IsNullOrWhiteSpace(facts.ExternalOrderId), "order facts without an order id");
                RefundViolations(violations, facts.Refunds);
                foreach (var shipment in facts.Shipments)
                {
                    Require(violations, shipment.Lines.All(l => l.Quantity >= 0 && !string.IsNullOrWhiteSpace(l.LineId)), "a shipment line without a line id or with a negative quantity");
                }

                break;
            case InventoryReport inventory:
                foreach (var level in inventory.Levels)
                {
                    Require(violations, level.BrandId == account.BrandId && level.Channel == account.Channel, $"inventory level {level.Id} of another brand or channel");
                    Require(violations, !string.IsNullOrWhiteSpace(level.Sku) || !string.IsNullOrWhiteSpace(level.ChannelItemId), $"inventory level {level.Id} naming no item");
                }

                break;
            case PriceReport prices:
                foreach (var change in prices.Changes)
                {
                    Require(violations, change.BrandId == account.BrandId && change.Channel == account.Channel, $"price {change.Id} of another brand or channel");
                    Require(violations, change.Price >= 0 && change.Price <= JsonCursor.MaxAmount, $"price {change.Id} out of range: {change.Price}");
                    Require(violations, change.Shipping is null or >= 0, $"price {change.Id} with a negative shipping amount");
                    Require(violations, !string.IsNullOrWhiteSpace(change.Currency), $"price {change.Id} without a currency");
                }

                break;
        }

        return violations;
    }

    public static IReadOnlyList<string> Violations(Order order, ChannelAccount account)
    {
        var violations = new List<string>();
        Require(violations, order.BrandId == account.BrandId && order.Channel == account.Channel && order.ChannelAccountId == account.AccountId, "an order of another brand, channel or account");
        Require(violations, !string.IsNullOrWhiteSpace(order.ExternalOrderId), "an order without an id");
        Require(violations, !string.IsNullOrWhiteSpace(order.Currency), "an order without a currency");
        Require(violations, order.Total is null or >= 0, $"an order total below zero: {order.Total}");
        foreach (var line in order.Lines)
        {
            var where = $"line {line.LineId}";
            Require(violations, !string.IsNullOrWhiteSpace(line.LineId), "a line without an id");
            Require(violations, line.Quantity >= 0, $"{where}: negative quantity {line.Quantity}");
            Require(violations, line.QuantityShipped >= 0 && line.QuantityShipped <= line.Quantity, $"{where}: shipped {line.QuantityShipped} of {line.Quantity}");
            Require(violations, line.QuantityCancelled >= 0 && line.QuantityCancelled <= line.Quantity, $"{where}: cancelled {line.QuantityCancelled} of {line.Quantity}");
            Require(violations, line.QuantityRefunded >= 0 && line.QuantityReturned >= 0, $"{where}: negative refunded or returned units");
            Require(violations, line.UnitPrice is null or >= 0, $"{where}: unit price below zero: {line.UnitPrice}");
        }

        RefundViolations(violations, order.Refunds);
        return violations;
    }

    private static void RefundViolations(List<string> violations, IReadOnlyList<OrderRefund> refunds)
    {
        foreach (var refund in refunds)
        {
            Require(violations, !string.IsNullOrWhiteSpace(refund.Id), "a refund without an id");
            Require(violations, refund.Lines.All(l => l.Quantity >= 0), $"refund {refund.Id}: a line with a negative quantity");
        }
    }

    private static void Require(List<string> violations, bool holds, string violation)
    {
        if (!holds)
        {
            violations.Add(violation);
        }
    }
}
