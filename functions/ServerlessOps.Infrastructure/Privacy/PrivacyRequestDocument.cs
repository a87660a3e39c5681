using System.Text.Json.Serialization;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>
/// A <see cref="PrivacyRequest"/> in container <c>orders</c> (it is about orders, and a container of its own would be a
/// new deployment resource for a handful of documents per brand): type <c>privacyRequest</c>, id = the request id,
/// partition <c>{brandId}|privacy</c>, which no order or locator partition can equal (brand ids have no <c>|</c>).
/// </summary>
public sealed class PrivacyRequestDocument
{
    public const string DocumentType = "privacyRequest";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Received-at in sortable UTC, for the list order.</summary>
    public required string ReceivedAt { get; init; }

    public required PrivacyRequest Request { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId) => $"{brandId}|privacy";

    public static PrivacyRequestDocument FromDomain(PrivacyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PrivacyRequestDocument
        {
            Id = CosmosIds.Encode(request.Id),
            Pk = PartitionKeyFor(request.BrandId),
            BrandId = request.BrandId,
            ReceivedAt = CosmosValues.SortableUtc(request.ReceivedAt),
            Request = request,
        };
    }

    public PrivacyRequest ToDomain()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return Request;
    }
}
