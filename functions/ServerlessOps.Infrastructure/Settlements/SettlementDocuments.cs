using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// One settlement line in container <c>reviewData</c>: partition <c>settlement|{brand}|{channel}|{account}</c> (an account's
/// rows, so pending rows and a payout's rows are single-partition queries), id <c>line|{transaction id}</c>, so the same
/// transaction imported twice is one document.
/// </summary>
public sealed class SettlementLineDocument
{
    public const string DocumentType = "settlementLine";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string BrandId { get; init; }

    public string? PayoutId { get; init; }

    /// <summary>True while the line names an order the truth did not hold when last looked at.</summary>
    public bool Pending { get; init; }

    public required SettlementLine Line { get; init; }

    public DateTimeOffset ImportedAt { get; init; }

    public DateTimeOffset? MatchedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionOf(string brandId, SalesChannel channel, string accountId) => $"settlement|{brandId}|{channel.Slug()}|{accountId}";

    public static string IdOf(SettlementLine line) => CosmosIds.Encode($"line|{line.TransactionId}");
}

/// <summary>
/// A payout's latest reconciliation, partition <c>settlement-payouts|{brand}</c> (one brand's payouts: the list the review
/// and finance read), id <c>{channel}|{account}|{payout}</c>.
/// </summary>
public sealed class PayoutReconciliationDocument
{
    public const string DocumentType = "payoutReconciliation";

    public required string Id { get; init; }

    public required string Pk { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string BrandId { get; init; }

    public bool Mismatch { get; init; }

    /// <summary>True when the payout held events the reader does not read (then never <see cref="Mismatch"/>); absent (false) on documents stored before.</summary>
    public bool NotReconcilable { get; init; }

    public DateTimeOffset CheckedAt { get; init; }

    /// <summary>
    /// The list's sort key: the payout's paid-at in sortable UTC as it was when the payout was first stored, and kept
    /// by every later store of it. Not the current paid-at: Amazon dates a closed group by its end until the transfer
    /// starts and by its FundTransferDate after, so a payout's paid-at can move, and a key that moves repeats or skips
    /// the payout for a client paging through the list. Not the stored <c>reconciliation.payout.paidAt</c> either: it keeps
    /// the channel's offset, so its text does not sort as time. Absent on documents stored before the list was paged until
    /// the list's first read gives it to them (<see cref="CosmosSettlementStore"/>), from their stored paid-at.
    /// </summary>
    public string? PaidAtKey { get; init; }

    public required PayoutReconciliation Reconciliation { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static string PartitionOf(string brandId) => $"settlement-payouts|{brandId}";

    /// <summary>This document with its sort key set (a reconciliation stored before the list was paged).</summary>
    public PayoutReconciliationDocument WithPaidAtKey(string key) => new()
    {
        Id = Id,
        Pk = Pk,
        BrandId = BrandId,
        Mismatch = Mismatch,
        NotReconcilable = NotReconcilable,
        CheckedAt = CheckedAt,
        PaidAtKey = key,
        Reconciliation = Reconciliation,
    };

    public static string IdOf(SettlementPayout payout) => CosmosIds.Encode($"{payout.Channel.Slug()}|{payout.AccountId}|{payout.PayoutId}");
}
