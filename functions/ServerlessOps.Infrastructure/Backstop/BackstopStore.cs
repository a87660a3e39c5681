using System.Globalization;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// The backstop's watermarks and daily rollups, one partition per brand in container <c>leases</c> (a few documents per
/// account and day: far from any partition limit). Every write carries the ETag read; a lost race re-reads.
/// </summary>
public sealed class BackstopStore
{
    private const int MaxAttempts = 12;

    private readonly CosmosDocuments<BackstopWatermarkDocument> _watermarks;
    private readonly CosmosDocuments<BackstopDayDocument> _days;
    private readonly TimeProvider _time;

    public BackstopStore(CosmosContainers containers, TimeProvider time, ILogger<BackstopStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        _watermarks = new CosmosDocuments<BackstopWatermarkDocument>(containers.Leases, 100, logger);
        _days = new CosmosDocuments<BackstopDayDocument>(containers.Leases, 100, logger);
        _time = time;
    }

    /// <summary>The account's watermark, the window limit a page-limited run left, and its ETag; null before its first run.</summary>
    public async Task<(DateTimeOffset Position, string ETag, TimeSpan? WindowLimit)?> GetWatermarkAsync(ChannelAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var read = await _watermarks.ReadAsync(BackstopWatermarkDocument.PartitionKeyFor(account.BrandId), BackstopWatermarkDocument.IdFor(account), cancellationToken);
        return read is { } found ? (found.Document.Position, found.ETag, found.Document.WindowLimit) : null;
    }

    /// <summary>
    /// Moves the watermark to <paramref name="position"/>, with the next run's <paramref name="windowLimit"/>, if it still
    /// has <paramref name="ifMatchETag"/> (null: create). False when another run moved it meanwhile (its position stands:
    /// both read the same changes).
    /// </summary>
    public async Task<bool> TryAdvanceWatermarkAsync(
        ChannelAccount account, DateTimeOffset position, string? ifMatchETag, TimeSpan? windowLimit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var document = new BackstopWatermarkDocument
        {
            Id = BackstopWatermarkDocument.IdFor(account),
            Pk = BackstopWatermarkDocument.PartitionKeyFor(account.BrandId),
            BrandId = account.BrandId,
            Channel = account.Channel,
            AccountId = account.AccountId,
            Position = position,
            UpdatedAt = _time.GetUtcNow(),
            WindowLimit = windowLimit,
        };
        try
        {
            _ = ifMatchETag is null
                ? await _watermarks.CreateAsync(document, document.Pk, document.Id, cancellationToken)
                : await _watermarks.ReplaceAsync(document, document.Pk, document.Id, ifMatchETag, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>The brand's rollup for a UTC day; null when the backstop found nothing that day.</summary>
    public async Task<BackstopDayDocument?> GetDayAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default) =>
        (await _days.ReadAsync(BackstopWatermarkDocument.PartitionKeyFor(brandId), BackstopDayDocument.IdFor(day), cancellationToken))?.Document;

    /// <summary>Adds one channel's findings of a day to the brand's rollup (idempotent: an order change counts once).</summary>
    public async Task AddAsync(
        string brandId, DateOnly day, string channelSlug, IReadOnlyList<string> missed, IReadOnlyList<string> late, IReadOnlyList<string> history,
        CancellationToken cancellationToken = default)
    {
        var pk = BackstopWatermarkDocument.PartitionKeyFor(brandId);
        var id = BackstopDayDocument.IdFor(day);
        for (var attempt = 1; ; attempt++)
        {
            var read = await _days.ReadAsync(pk, id, cancellationToken);
            var channels = new Dictionary<string, BackstopChannelDay>(read?.Document.Channels ?? new Dictionary<string, BackstopChannelDay>(), StringComparer.Ordinal);
            var current = channels.GetValueOrDefault(channelSlug) ?? new BackstopChannelDay();
            var next = current.With(missed, late, history);
            if (ReferenceEquals(next, current) && read is not null)
            {
                return;
            }

            channels[channelSlug] = next;
            var document = new BackstopDayDocument
            {
                Id = id,
                Pk = pk,
                BrandId = brandId,
                Day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Channels = channels,
                UpdatedAt = _time.GetUtcNow(),
            };
            try
            {
                _ = read is { } found
                    ? await _days.ReplaceAsync(document, pk, id, found.ETag, cancellationToken)
                    : await _days.CreateAsync(document, pk, id, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another run wrote this day between our read and our write: add to what it wrote.
            }
        }
    }
}
