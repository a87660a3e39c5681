using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Cosmos.Stores;

/// <summary><see cref="IChannelEventLog"/> on container <c>channelEvents</c> (partition = brand and UTC day received).</summary>
public sealed class CosmosChannelEventLog : IChannelEventLog
{
    private readonly CosmosDocuments<ChannelEventDocument> _documents;

    public CosmosChannelEventLog(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosChannelEventLog> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.ChannelEvents, options.Value.QueryPageSize, logger);
    }

    public async Task<Versioned<ChannelEvent>?> GetAsync(string brandId, DateOnly receivedDay, string deliveryKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryKey);
        var read = await _documents.ReadAsync(ChannelEventDocument.PartitionKeyFor(brandId, receivedDay), CosmosIds.Encode(deliveryKey), cancellationToken);
        return read is { } found ? new Versioned<ChannelEvent>(found.Document.ToDomain(), found.ETag) : null;
    }

    public async Task<Versioned<ChannelEvent>> CreateAsync(ChannelEvent channelEvent, CancellationToken cancellationToken = default)
    {
        var document = ChannelEventDocument.FromDomain(channelEvent);
        var etag = await _documents.CreateAsync(document, document.Pk, document.Id, cancellationToken);
        return new Versioned<ChannelEvent>(channelEvent, etag);
    }

    /// <summary>
    /// Replaces the entry if unchanged since read. The entry must keep its received day: the day is part
    /// of the partition key, so an entry with another day is a different document (and a conflict here).
    /// </summary>
    public async Task<Versioned<ChannelEvent>> ReplaceAsync(ChannelEvent channelEvent, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        var document = ChannelEventDocument.FromDomain(channelEvent);
        var etag = await _documents.ReplaceAsync(document, document.Pk, document.Id, ifMatchETag, cancellationToken);
        return new Versioned<ChannelEvent>(channelEvent, etag);
    }

    /// <summary>Oldest received first; optionally one channel.</summary>
    public async Task<IReadOnlyList<ChannelEvent>> ListAsync(string brandId, DateOnly receivedDay, SalesChannel? channel = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var documents = await _documents.QueryAsync(
            ChannelEventDocument.PartitionKeyFor(brandId, receivedDay),
            ChannelEventDocument.DocumentType,
            channel is null ? null : "c.channel = @channel",
            "c.receivedAt ASC",
            channel is { } only ? [new("@channel", only.Slug())] : [],
            cancellationToken);
        return [.. documents.Select(d => d.ToDomain())];
    }
}
