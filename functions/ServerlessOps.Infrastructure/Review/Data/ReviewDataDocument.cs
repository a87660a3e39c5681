using System.Text.Json.Serialization;

namespace ServerlessOps.Infrastructure.Review.Data;

/// <summary>
/// One imported review row in container <c>reviewData</c>: partition <c>{brandId}|{kind}|{yyyy-MM}</c> (a month of one
/// kind, so the review reads a month with one single-partition query), id from the row's key (<see cref="ReviewDataKeys"/>),
/// so importing the same key again overwrites it. <see cref="Day"/> is a copy of the row's day for the range and order.
/// </summary>
public sealed class ReviewDataDocument<TRow>
{
    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    /// <summary><c>adSpend</c>, <c>stockSnapshot</c>, <c>target</c> or <c>exchangeRate</c>.</summary>
    public required string Type { get; init; }

    public int SchemaVersion { get; init; } = 1;

    /// <summary><c>yyyy-MM-dd</c>: the row's day (a target's first day of its month).</summary>
    public required string Day { get; init; }

    public required TRow Row { get; init; }

    /// <summary>Set by Cosmos on read; never written.</summary>
    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
