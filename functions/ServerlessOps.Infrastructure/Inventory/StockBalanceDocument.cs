using System.Text.Json.Serialization;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Inventory.Availability;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// One SKU's balance at one location in container <c>inventoryLedger</c>: id <c>balance|{location}</c> (escaped),
/// partition <c>{brandId}|{sku}</c> beside the SKU's entries. Every write carries the ETag read, so the balance is
/// where concurrent movements are serialised; <see cref="Recent"/> holds the latest decisions it took (README.md).
/// </summary>
public sealed class StockBalanceDocument
{
    public const string DocumentType = "stockBalance";
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }

    /// <summary><c>{brandId}|{sku}</c>.</summary>
    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Sku { get; init; }

    public required string Location { get; init; }

    public int OnHand { get; init; }

    public int Reserved { get; init; }

    /// <summary>
    /// The decisions taken since the oldest entry not yet known to be marked, oldest first; an id leaves only after its
    /// entry document records the same decision, so an id is always in one place or the other (README.md).
    /// </summary>
    public IReadOnlyList<StockDecisionRecord> Recent { get; init; } = [];

    /// <summary>
    /// Units reserved here per minute and hour (<see cref="ReservationRollup"/>), added with each reservation this balance
    /// applies. Null on a balance last written before the rollup existed: its next write starts counting from then.
    /// </summary>
    public ReservationRollup? Reservations { get; init; }

    /// <summary>
    /// When the newest count applied here was taken (its <see cref="StockMovement.CountedAt"/>, or when it was applied
    /// for a count without one): an older count arriving later is superseded, not applied over newer stock. Null until the
    /// first count written by a version that records it.
    /// </summary>
    public DateTimeOffset? LastCountedAt { get; init; }

    /// <summary>Sortable UTC of the last write.</summary>
    public string? UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionKeyFor(string brandId, string sku) => $"{brandId}|{sku}";

    public static string IdFor(string location) => $"balance|{CosmosIds.Encode(location)}";

    /// <summary>The balance before its first movement: zeros, no decisions, not yet stored.</summary>
    public static StockBalanceDocument Empty(string brandId, string sku, string location) => new()
    {
        Id = IdFor(location),
        Pk = PartitionKeyFor(brandId, sku),
        BrandId = brandId,
        Sku = sku,
        Location = location,
        Reservations = new ReservationRollup(),
    };

    public StockDecisionRecord? Find(string entryId) =>
        Recent.FirstOrDefault(r => string.Equals(r.EntryId, entryId, StringComparison.Ordinal));

    /// <summary>
    /// This balance after <paramref name="decision"/> on <paramref name="movement"/>, recorded at the end of <see cref="Recent"/>;
    /// a reservation's units are added to <see cref="Reservations"/> (the only movement that raises reserved), an applied
    /// count's instant to <see cref="LastCountedAt"/>.
    /// </summary>
    public StockBalanceDocument With(StockMovement movement, StockDecision decision, DateTimeOffset at, IReadOnlySet<string> dropped) => new()
    {
        Id = Id,
        Pk = Pk,
        BrandId = BrandId,
        Sku = Sku,
        Location = Location,
        OnHand = OnHand + decision.OnHandDelta,
        Reserved = Reserved + decision.ReservedDelta,
        Recent =
        [
            .. Recent.Where(r => !dropped.Contains(r.EntryId)),
            new StockDecisionRecord
            {
                EntryId = movement.EntryId,
                Outcome = decision.IsApplied ? StockEntryState.Applied : StockEntryState.Refused,
                OnHandDelta = decision.OnHandDelta,
                ReservedDelta = decision.ReservedDelta,
                Clamped = decision.Clamped,
                At = at,
            },
        ],
        Reservations = decision.IsApplied && decision.ReservedDelta > 0
            ? Counting(at).Add(at, decision.ReservedDelta)
            : Counting(at),
        LastCountedAt = decision.IsApplied && movement.Kind == StockMovementKind.Count ? Later(LastCountedAt, movement.CountedAt ?? at) : LastCountedAt,
        UpdatedAt = CosmosValues.SortableUtc(at),
    };

    /// <summary>The rollup, or for a balance written before it existed, a new one counting from <paramref name="at"/>.</summary>
    private ReservationRollup Counting(DateTimeOffset at) => Reservations ?? new ReservationRollup { CountingSince = at };

    /// <summary>Throws when another type or a newer schema sits under this id.</summary>
    public StockBalanceDocument EnsureReadable()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return this;
    }

    /// <summary>This balance without the decisions of <paramref name="dropped"/> (their entries carry them).</summary>
    public StockBalanceDocument Without(IReadOnlySet<string> dropped) => dropped.Count == 0 ? this : new()
    {
        Id = Id,
        Pk = Pk,
        BrandId = BrandId,
        Sku = Sku,
        Location = Location,
        OnHand = OnHand,
        Reserved = Reserved,
        Recent = [.. Recent.Where(r => !dropped.Contains(r.EntryId))],
        Reservations = Reservations,
        LastCountedAt = LastCountedAt,
        UpdatedAt = UpdatedAt,
    };

    private static DateTimeOffset Later(DateTimeOffset? last, DateTimeOffset at) => last > at ? last.Value : at;

    public StockBalance ToDomain()
    {
        EnsureReadable();
        return new StockBalance(BrandId, Sku, Location, OnHand, Reserved);
    }

    public StockPosition ToPosition() => new(ToDomain(), Reservations ?? ReservationRollup.NotCounting);
}
