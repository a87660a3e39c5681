using System.Globalization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// <c>pnl-lines.csv</c>: one row per order line that adds to the reviewed month's P&amp;L, base currency, unrounded, so
/// each P&amp;L figure is the sum of its column over the channel's rows (fees: charged where the order has them, else
/// scheduled; ad spend is not per line and is not here). <c>refunds</c> is net of <c>refunds_kept_back</c>, the money a
/// refund withheld from the line (a restocking fee), shown beside it so the difference to the channel's line figure is
/// traceable. Written row by row while the orders stream.
/// </summary>
public static class PnlLinesCsv
{
    public const string FileName = "pnl-lines.csv";

    public const string ContentType = "text/csv";

    public const string Header = "order_id,line_id,channel,sku,month,revenue,cogs,scheduled_fees,charged_fees,refunds,refunds_kept_back";

    public static string Row(string orderId, string lineId, SalesChannel channel, string sku, ReviewMonth month, decimal revenue, decimal cogs, decimal scheduledFees, decimal? chargedFees, decimal refunds, decimal refundsKeptBack) =>
        string.Join(',',
            Field(orderId),
            Field(lineId),
            channel.Slug(),
            Field(sku),
            month.ToString(),
            Money(revenue),
            Money(cogs),
            Money(scheduledFees),
            chargedFees is { } charged ? Money(charged) : string.Empty,
            Money(refunds),
            Money(refundsKeptBack));

    private static string Money(decimal amount) => amount.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
