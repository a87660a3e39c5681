using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>
/// Writes a generated history as the review imports take it (Infrastructure/Review/Import/README.md): orders as JSON
/// Lines, one file per month so each stays under the import's body limit; ad spend, stock snapshots and targets as CSV.
/// Streams: one day's orders in memory at a time.
/// </summary>
public static class HistoryFileWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false };

    public static HistoryFileSet Write(HistoryOptions options, string directory)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(directory);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
        var orderFiles = new List<string>();
        var revenue = new Dictionary<(int, int, HistoryChannel), decimal>();
        long orders = 0, lines = 0, adRows = 0, snapshotRows = 0;
        var adPath = Path.Combine(directory, "ad-spend.csv");
        var stockPath = Path.Combine(directory, "stock-snapshots.csv");
        using var ad = new StreamWriter(adPath, append: false, new UTF8Encoding(false));
        using var stock = new StreamWriter(stockPath, append: false, new UTF8Encoding(false));
        ad.Write("day,channel,campaign,sku,spend,attributedSales,attributedUnits,currency\n");
        stock.Write("day,sku,location,onHand\n");
        Stream? orderStream = null;
        Utf8JsonWriter? json = null;
        var month = (Year: 0, Month: 0);
        try
        {
            foreach (var day in new HistoryGenerator(options).Days())
            {
                foreach (var order in day.Orders)
                {
                    var local = TimeZoneInfo.ConvertTime(order.CreatedAt, zone);
                    if ((local.Year, local.Month) != month)
                    {
                        json?.Dispose();
                        orderStream?.Dispose();
                        month = (local.Year, local.Month);
                        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"orders-{month.Year:0000}-{month.Month:00}.jsonl"));
                        orderFiles.Add(path);
                        orderStream = File.Create(path);
                        json = new Utf8JsonWriter(orderStream, JsonOptions);
                    }

                    WriteOrder(json!, order);
                    json!.Flush();
                    orderStream!.WriteByte((byte)'\n');
                    json.Reset(orderStream);
                    orders++;
                    lines += order.Lines.Count;
                    var key = (local.Year, local.Month, order.Channel);
                    revenue[key] = revenue.GetValueOrDefault(key) + order.Lines.Sum(l => order.CancelledAt is null ? (l.Quantity * l.UnitPrice) - l.Discount : 0m);
                }

                foreach (var row in day.AdSpend)
                {
                    ad.Write(string.Create(CultureInfo.InvariantCulture,
                        $"{row.Day:yyyy-MM-dd},{Slug(row.Channel)},{row.Campaign},{row.Sku},{row.Spend:0.00},{row.AttributedSales:0.00},{row.AttributedUnits},USD\n"));
                    adRows++;
                }

                foreach (var row in day.Snapshots)
                {
                    stock.Write(string.Create(CultureInfo.InvariantCulture, $"{row.Day:yyyy-MM-dd},{row.Sku},{row.Location},{row.OnHand}\n"));
                    snapshotRows++;
                }
            }
        }
        finally
        {
            json?.Dispose();
            orderStream?.Dispose();
        }

        var targetsPath = Path.Combine(directory, "targets.csv");
        var targets = new StringBuilder("channel,month,revenue,marginPercent,currency\n");
        foreach (var target in HistoryGenerator.Targets(options, revenue))
        {
            targets.Append(CultureInfo.InvariantCulture, $"{Slug(target.Channel)},{target.Year:0000}-{target.Month:00},{target.Revenue:0.00},{target.MarginPercent:0.##},USD\n");
        }

        File.WriteAllText(targetsPath, targets.ToString(), new UTF8Encoding(false));
        return new HistoryFileSet(directory, orderFiles, adPath, stockPath, targetsPath, orders, lines, adRows, snapshotRows);
    }

    public static string Slug(HistoryChannel channel) => channel switch
    {
        HistoryChannel.Shopify => "shopify",
        HistoryChannel.Amazon => "amazon",
        HistoryChannel.Walmart => "walmart",
        _ => "tiktok",
    };

    private static void WriteOrder(Utf8JsonWriter json, HistoryOrder order)
    {
        json.WriteStartObject();
        json.WriteString("channel", Slug(order.Channel));
        json.WriteString("channelAccountId", order.ChannelAccountId);
        json.WriteString("externalOrderId", order.ExternalOrderId);
        json.WriteString("channelStatus", order.Status);
        json.WriteString("currency", order.Currency);
        json.WriteString("createdAt", order.CreatedAt.ToUniversalTime());
        json.WriteString("updatedAt", order.UpdatedAt.ToUniversalTime());
        json.WriteString("paidAt", order.CreatedAt.AddMinutes(1).ToUniversalTime());
        Instant(json, "shippedAt", order.ShippedAt);
        Instant(json, "deliveredAt", order.DeliveredAt);
        Instant(json, "cancelledAt", order.CancelledAt);
        if (order.Refunds.Count > 0)
        {
            json.WriteString("refundedAt", order.Refunds.Max(r => r.RefundedAt).ToUniversalTime());
        }

        json.WriteString("fulfilment", order.FulfilledByChannel ? "channel" : "merchant");
        json.WriteString("shipBy", order.ShipBy.ToUniversalTime());
        json.WriteBoolean("pricesIncludeTax", false);
        json.WriteStartArray("lines");
        foreach (var line in order.Lines)
        {
            json.WriteStartObject();
            json.WriteString("lineId", line.LineId);
            json.WriteString("channelSku", line.ChannelSku);
            if (line.SellerSku is not null)
            {
                json.WriteString("sku", line.SellerSku);
            }

            json.WriteNumber("quantity", line.Quantity);
            json.WriteNumber("unitPrice", line.UnitPrice);
            json.WriteNumber("discount", line.Discount);
            json.WriteNumber("tax", line.Tax);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("fees");
        foreach (var fee in order.Fees)
        {
            json.WriteStartObject();
            json.WriteString("type", fee.Type);
            json.WriteNumber("amount", fee.Amount);
            if (fee.LineId is not null)
            {
                json.WriteString("lineId", fee.LineId);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("refunds");
        foreach (var refund in order.Refunds)
        {
            json.WriteStartObject();
            json.WriteString("id", refund.Id);
            json.WriteString("time", refund.RefundedAt.ToUniversalTime());
            json.WriteNumber("amount", refund.Amount);
            json.WriteNumber("tax", refund.Tax);
            json.WriteString("reason", refund.Reason);
            json.WriteStartArray("lines");
            json.WriteStartObject();
            json.WriteString("lineId", refund.LineId);
            json.WriteNumber("quantity", refund.Quantity);
            json.WriteNumber("amount", refund.Amount - refund.Tax);
            json.WriteNumber("tax", refund.Tax);
            json.WriteBoolean("returned", refund.Returned);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Instant(Utf8JsonWriter json, string name, DateTimeOffset? instant)
    {
        if (instant is { } value)
        {
            json.WriteString(name, value.ToUniversalTime());
        }
    }
}
