using System.Globalization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Review.Data;

/// <summary>
/// Partitions, document types and ids of <c>reviewData</c>. An id is the row's natural key (what makes it unique in a file),
/// its parts escaped so a <c>|</c> inside a campaign name cannot make two keys one.
/// </summary>
internal static class ReviewDataKeys
{
    public const string AdSpendType = "adSpend";
    public const string StockSnapshotType = "stockSnapshot";
    public const string TargetType = "target";
    public const string ExchangeRateType = "exchangeRate";

    /// <summary>The partition of one kind's rows of one month: <c>{brandId}|{kind}|{yyyy-MM}</c>.</summary>
    public static string Partition(string brandId, string type, ReviewMonth month) => $"{brandId}|{PartitionKind(type)}|{month}";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string AdSpendId(AdSpendDay row) =>
        Id(AdSpendType, Day(row.Day), row.Channel.Slug(), row.Campaign, row.Sku ?? string.Empty);

    public static string StockSnapshotId(StockSnapshot row) => Id("stock", Day(row.Day), row.Sku, row.Location);

    public static string TargetId(ChannelTarget row) => Id(TargetType, row.Month.ToString(), row.Channel.Slug());

    public static string ExchangeRateId(ExchangeRate row) => Id("rate", Day(row.Day), row.From, row.To);

    private static string PartitionKind(string type) => type switch
    {
        AdSpendType => "adSpend",
        StockSnapshotType => "stockSnapshots",
        TargetType => "targets",
        _ => "exchangeRates",
    };

    private static string Id(params string[] parts) =>
        CosmosIds.Encode(string.Join('|', parts.Select(p => p.Replace("~", "~7E", StringComparison.Ordinal).Replace("|", "~7C", StringComparison.Ordinal))));
}
