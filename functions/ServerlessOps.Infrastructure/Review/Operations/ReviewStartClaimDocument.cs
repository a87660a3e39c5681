using System.Text.Json.Serialization;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>
/// A <see cref="ReviewStartClaim"/> in container <c>leases</c> (exclusive positions of things that run): id = the review's
/// instance id (<c>monthly-review:{brandId}:{yyyy-MM}</c>), partition <c>review-start|{brandId}</c>, so every start of a
/// brand's review meets the same document and the create or ETag replace decides which one schedules.
/// </summary>
public sealed class ReviewStartClaimDocument
{
    public const string DocumentType = "reviewStartClaim";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = 1;

    public required string BrandId { get; init; }

    /// <summary><c>yyyy-MM</c>.</summary>
    public required string Month { get; init; }

    public required int Generation { get; init; }

    public required string ClaimedBy { get; init; }

    public required DateTimeOffset ClaimedAt { get; init; }

    public required bool Scheduled { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => $"review-start|{brandId}";

    public static string IdFor(string brandId, ReviewMonth month) => CosmosIds.Encode(ReviewIds.For(brandId, month));

    public ReviewStartClaim ToClaim(string etag) =>
        ReviewMonth.TryParse(Month, out var month)
            ? new ReviewStartClaim(BrandId, month, Generation, ClaimedBy, ClaimedAt, Scheduled, etag)
            : throw new InvalidOperationException($"Review start claim '{Id}' has month '{Month}', not yyyy-MM.");
}
