using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Review.Import;

/// <summary>The parts of an order: lines, fees and refunds, each checked against the order's lines.</summary>
public static partial class OrderHistoryParser
{
    private static List<(OrderLine Line, int Quantity)> ParseLines(OrderHistoryInput input, List<ImportError> errors)
    {
        if (input.Lines.Count == 0)
        {
            errors.Add(input.Order.Error("lines", "an order needs at least one line."));
        }

        var lines = new List<(OrderLine, int)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in input.Lines)
        {
            var before = errors.Count;
            var values = new ImportValues(row, errors);
            var lineId = values.Text("lineId", MaxIdLength, required: true);
            var channelSku = values.Text("channelSku", CatalogText.MaxSkuLength, required: true);
            var sku = values.Text("sku", CatalogText.MaxSkuLength);
            var title = values.Text("title", CatalogText.MaxTitleLength);
            var quantity = values.Integer("quantity", required: true, min: 1);
            var unitPrice = values.Decimal("unitPrice", required: true);
            var discount = values.Decimal("discount") ?? 0m;
            var tax = values.Decimal("tax") ?? 0m;
            var cancelled = values.Integer("quantityCancelled") ?? 0;
            if (quantity is { } ordered && cancelled > ordered)
            {
                values.Add("quantityCancelled", $"quantityCancelled ({cancelled}) is more than the line's quantity ({ordered}).");
            }

            if (lineId is not null && !seen.TryAdd(lineId, row.Line))
            {
                values.Add("lineId", $"lineId '{lineId}' appears twice in this order (first on line {seen[lineId]}).");
            }

            if (errors.Count > before || lineId is null || channelSku is null || quantity is null || unitPrice is null)
            {
                continue;
            }

            lines.Add((new OrderLine(lineId, channelSku, title, quantity.Value, unitPrice, discount, tax, 0, cancelled) { SellerSku = sku }, quantity.Value));
        }

        return lines;
    }

    /// <summary>Whether the order has a line with this id (checked on the rows, so a line with other errors still counts).</summary>
    private static bool NamesALine(OrderHistoryInput input, string lineId) => input.Lines.Any(r => r["lineId"] == lineId);

    private static List<OrderFee> ParseFees(OrderHistoryInput input, List<ImportError> errors)
    {
        var fees = new List<OrderFee>();
        foreach (var row in input.Fees)
        {
            var before = errors.Count;
            var values = new ImportValues(row, errors);
            var type = values.Text("type", CatalogText.MaxNameLength, required: true);
            var amount = values.Decimal("amount", required: true);
            var lineId = values.Text("lineId", MaxIdLength);
            if (lineId is not null && !NamesALine(input, lineId))
            {
                values.Add("lineId", $"lineId '{lineId}' is not a line of this order; a fee names one of its lines or none (a fee on the order).");
            }

            if (errors.Count == before && type is not null && amount is not null)
            {
                fees.Add(new OrderFee(type, amount.Value) { LineId = lineId });
            }
        }

        return fees;
    }

    /// <summary>A refund's shipping tax is part of its shipping (tax included) and of its tax beyond the lines'.</summary>
    private static void CheckShippingTax(ImportValues values, decimal shipping, decimal? shippingTax, decimal taxNotOnLines)
    {
        if (shippingTax is not { } stated)
        {
            return;
        }

        if (stated > shipping)
        {
            values.Add("shippingTax", $"shippingTax ({stated}) is more than shipping ({shipping}), which includes it.");
        }
        else if (stated > taxNotOnLines)
        {
            values.Add("shippingTax", $"shippingTax ({stated}) is more than the refund's tax beyond its lines' ({taxNotOnLines}); tax includes it.");
        }
    }

    private static List<OrderRefund> ParseRefunds(OrderHistoryInput input, List<(OrderLine Line, int Quantity)> lines, List<ImportError> errors)
    {
        var refunds = new List<OrderRefund>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var refund in input.Refunds)
        {
            var before = errors.Count;
            var values = new ImportValues(refund.Refund, errors);
            var id = values.Text("id", MaxIdLength, required: true);
            var time = values.Instant("time", required: true);
            var amount = values.Decimal("amount", required: true);
            var tax = values.Decimal("tax") ?? 0m;
            var shipping = values.Decimal("shipping") ?? 0m;
            var shippingTax = values.Decimal("shippingTax");
            var keptBack = values.Decimal("keptBack");
            var reason = values.Text("reason", MaxTextLength);
            if (id is not null && !seen.TryAdd(id, refund.Refund.Line))
            {
                values.Add("id", $"refund '{id}' appears twice in this order (first on line {seen[id]}).");
            }

            var refundLines = new List<RefundLine>();
            foreach (var row in refund.Lines)
            {
                var lineBefore = errors.Count;
                var lineValues = new ImportValues(row, errors);
                var lineId = lineValues.Text("lineId", MaxIdLength, required: true);
                var quantity = lineValues.Integer("quantity") ?? 0;
                var lineAmount = lineValues.Decimal("amount", required: true);
                var lineTax = lineValues.Decimal("tax") ?? 0m;
                var returned = lineValues.Boolean("returned") ?? false;
                var line = lines.FirstOrDefault(l => l.Line.LineId == lineId);
                if (lineId is not null && !NamesALine(input, lineId))
                {
                    lineValues.Add("lineId", $"lineId '{lineId}' is not a line of this order.");
                }
                else if (line.Line is not null && quantity > line.Quantity)
                {
                    lineValues.Add("quantity", $"refunds {quantity} units of line '{lineId}', which has {line.Quantity}.");
                }

                if (errors.Count == lineBefore && lineId is not null && lineAmount is not null)
                {
                    refundLines.Add(new RefundLine(lineId, quantity, lineAmount.Value, lineTax, returned));
                }
            }

            var allocated = refundLines.Sum(l => l.Amount + l.Tax);
            if (amount is { } total && keptBack is null && allocated > total)
            {
                values.Add("amount", $"amount ({total}) is less than its lines' amount + tax ({allocated}); amount is what went back, tax included (state keptBack when a restocking fee was kept back).");
            }

            CheckShippingTax(values, shipping, shippingTax, tax - refundLines.Sum(l => l.Tax));
            if (errors.Count == before && id is not null && time is not null && amount is not null)
            {
                var parsed = new OrderRefund(id, time.Value, amount.Value, tax, reason, refundLines) { Shipping = shipping, ShippingTax = shippingTax };
                if (keptBack is { } stated && RefundBalance.KeptBack(parsed) != stated)
                {
                    // The review derives what was kept back from the refund's figures, as for a channel's refund; a stated
                    // figure those do not bear out would be counted as something else.
                    values.Add("keptBack", $"keptBack ({stated}) is not what the refund keeps back: its lines' amount + tax ({allocated}) and shipping ({shipping}) less amount ({amount}) leave {RefundBalance.KeptBack(parsed)} kept back (at most the lines' amount, {refundLines.Sum(l => l.Amount)}).");
                }
                else
                {
                    refunds.Add(parsed);
                }
            }
        }

        return refunds;
    }
}
