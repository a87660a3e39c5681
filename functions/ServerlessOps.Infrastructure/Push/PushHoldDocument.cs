using System.Text.Json.Serialization;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// The mass-drop brake of one brand: the recent drops to zero it counts (<see cref="Domain.Inventory.Availability.ZeroDropBrake"/>),
/// the listings whose drop is held for confirmation, and the confirmations (newest last, at most <see cref="MaxHistory"/>).
/// Container <c>inventoryLedger</c>, partition <c>{brandId}#pushes</c>, id <c>hold</c>. ETag-guarded.
/// </summary>
public sealed record PushHoldDocument
{
    public const string DocumentType = "pushHold";
    public const string DocumentId = "hold";
    public const int MaxHistory = 20;

    public string Id { get; init; } = DocumentId;

    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    /// <summary>Drops to zero pushed or held within the window (pruned on every write).</summary>
    public IReadOnlyList<ZeroDrop> RecentDrops { get; init; } = [];

    /// <summary>Held drops waiting for a person; empty when nothing is held.</summary>
    public IReadOnlyList<HeldListing> Held { get; init; } = [];

    public DateTimeOffset? HeldSince { get; init; }

    public IReadOnlyList<HoldConfirmation> History { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static PushHoldDocument New(string brandId) => new() { Pk = PushControlDocument.PartitionKeyFor(brandId), BrandId = brandId };
}

/// <summary>A listing (<c>{channel}:{channelSku}</c>) that dropped to zero at <paramref name="At"/>.</summary>
public sealed record ZeroDrop(string ListingKey, DateTimeOffset At);

/// <summary>A drop held: the listing, what the channel shows (last pushed) and when it was held.</summary>
public sealed record HeldListing(ListingRef Listing, int? ShowingQuantity, DateTimeOffset HeldAt);

/// <summary>Who released how many held drops, and when.</summary>
public sealed record HoldConfirmation(string By, DateTimeOffset At, int Listings);
