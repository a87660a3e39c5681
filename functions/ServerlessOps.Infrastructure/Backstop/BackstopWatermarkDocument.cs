using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// Where the backstop of one channel account has read up to, in container <c>leases</c> (positions of things that
/// follow changes): id <c>backstop-watermark|{channel}|{account}</c>, partition <c>backstop|{brandId}</c>, written under
/// its ETag so two instances running the same account never move it backwards.
/// </summary>
public sealed class BackstopWatermarkDocument
{
    public const string DocumentType = "backstopWatermark";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required SalesChannel Channel { get; init; }

    public required string AccountId { get; init; }

    /// <summary>Every change before this instant was listed (the next run starts here, less the overlap).</summary>
    public required DateTimeOffset Position { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The longest window the next run reads from <see cref="Position"/>, set when a run reached the page limit; null
    /// (the usual case) reads up to now less the settle delay.
    /// </summary>
    public TimeSpan? WindowLimit { get; init; }

    public static string PartitionKeyFor(string brandId) => $"backstop|{brandId}";

    public static string IdFor(ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return CosmosIds.Encode($"backstop-watermark|{account.Channel.Slug()}|{account.AccountId}");
    }
}
