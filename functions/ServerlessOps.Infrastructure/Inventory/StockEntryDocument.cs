using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Inventory;

/// <summary>
/// One movement in container <c>inventoryLedger</c>: id <c>entry|{EntryId}</c> (escaped; hashed when too long for a
/// Cosmos id), partition <c>{brandId}|{sku}</c>. Created pending before its balance is touched, so the cause is claimed
/// by a conditional create; marked applied or refused afterwards (README.md).
/// </summary>
public sealed class StockEntryDocument
{
    public const string DocumentType = "stockEntry";
    public const int CurrentSchemaVersion = 1;

    /// <summary>Cosmos ids are at most 255 characters; longer escaped entry ids are replaced by their SHA-256.</summary>
    private const int MaxIdLength = 250;

    public required string Id { get; init; }

    /// <summary><c>{brandId}|{sku}</c>.</summary>
    public required string Pk { get; init; }

    public required string BrandId { get; init; }

    public string Type { get; init; } = DocumentType;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Sku { get; init; }

    public required string Location { get; init; }

    /// <summary><see cref="StockMovement.EntryId"/>, unescaped.</summary>
    public required string EntryId { get; init; }

    public required StockMovement Movement { get; init; }

    public StockEntryState State { get; init; }

    public int OnHandDelta { get; init; }

    public int ReservedDelta { get; init; }

    public bool Clamped { get; init; }

    /// <summary>Sortable UTC of the first attempt.</summary>
    public required string RecordedAt { get; init; }

    /// <summary>Sortable UTC of when the balance took it; only on applied entries (the ledger lists by it, newest first).</summary>
    public string? AppliedAt { get; init; }

    /// <summary>Sortable UTC of when the balance refused it; only on refused entries.</summary>
    public string? RefusedAt { get; init; }

    /// <summary>
    /// How often a later call took over this pending entry (a retry after a crash). Each take-over rewrites the document,
    /// so its ETag changes and the first call can no longer refuse it on its own (README.md).
    /// </summary>
    public int Claims { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string IdFor(string entryId)
    {
        var escaped = $"entry|{CosmosIds.Encode(entryId)}";
        return escaped.Length <= MaxIdLength
            ? escaped
            : $"entry|sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entryId)))}";
    }

    public static StockEntryDocument Pending(StockMovement movement, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(movement);
        return new StockEntryDocument
        {
            Id = IdFor(movement.EntryId),
            Pk = StockBalanceDocument.PartitionKeyFor(movement.BrandId, movement.Sku),
            BrandId = movement.BrandId,
            Sku = movement.Sku,
            Location = movement.Location,
            EntryId = movement.EntryId,
            Movement = movement,
            State = StockEntryState.Pending,
            RecordedAt = CosmosValues.SortableUtc(now),
        };
    }

    public bool IsDecided => State != StockEntryState.Pending;

    /// <summary>This entry claimed by one more call (see <see cref="Claims"/>).</summary>
    public StockEntryDocument Claimed() => Copy(State, OnHandDelta, ReservedDelta, Clamped, AppliedAt, RefusedAt, Claims + 1);

    /// <summary>This entry carrying <paramref name="decision"/> as its balance recorded it.</summary>
    public StockEntryDocument Decided(StockDecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var at = CosmosValues.SortableUtc(decision.At);
        return decision.Outcome == StockEntryState.Applied
            ? Copy(StockEntryState.Applied, decision.OnHandDelta, decision.ReservedDelta, decision.Clamped, at, null, Claims)
            : Copy(StockEntryState.Refused, 0, 0, false, null, at, Claims);
    }

    /// <summary>The decision this entry carries, as its balance recorded it; only for decided entries.</summary>
    public StockDecisionRecord Record()
    {
        var at = State switch
        {
            StockEntryState.Applied => AppliedAt,
            StockEntryState.Refused => RefusedAt,
            _ => throw new InvalidOperationException($"Ledger entry '{EntryId}' in partition '{Pk}' is pending: it carries no decision yet."),
        };
        return new StockDecisionRecord
        {
            EntryId = EntryId,
            Outcome = State,
            OnHandDelta = OnHandDelta,
            ReservedDelta = ReservedDelta,
            Clamped = Clamped,
            At = at is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
        };
    }

    /// <summary>Throws when another type or a newer schema sits under this id.</summary>
    public StockEntryDocument EnsureReadable()
    {
        CosmosValues.EnsureReadable(Id, Type, SchemaVersion, DocumentType, CurrentSchemaVersion);
        return this;
    }

    public StockLedgerEntry ToDomain()
    {
        EnsureReadable();
        if (State != StockEntryState.Applied || AppliedAt is null)
        {
            throw new InvalidOperationException($"Ledger entry '{EntryId}' in partition '{Pk}' is {State}, not applied: only applied entries are ledger entries.");
        }

        return new StockLedgerEntry(Movement, OnHandDelta, ReservedDelta, DateTimeOffset.Parse(AppliedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal))
        {
            Clamped = Clamped,
        };
    }

    private StockEntryDocument Copy(StockEntryState state, int onHandDelta, int reservedDelta, bool clamped, string? appliedAt, string? refusedAt, int claims) => new()
    {
        Id = Id,
        Pk = Pk,
        BrandId = BrandId,
        Sku = Sku,
        Location = Location,
        EntryId = EntryId,
        Movement = Movement,
        State = state,
        OnHandDelta = onHandDelta,
        ReservedDelta = reservedDelta,
        Clamped = clamped,
        RecordedAt = RecordedAt,
        AppliedAt = appliedAt,
        RefusedAt = refusedAt,
        Claims = claims,
    };
}
