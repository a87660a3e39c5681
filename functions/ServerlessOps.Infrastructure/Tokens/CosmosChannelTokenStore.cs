using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary><see cref="IChannelTokenStore"/> on container <c>channelTokens</c>: point reads and ETag-guarded writes of one document per account.</summary>
public sealed class CosmosChannelTokenStore : IChannelTokenStore
{
    private readonly CosmosDocuments<ChannelTokenDocument> _documents;

    public CosmosChannelTokenStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosChannelTokenStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _documents = new(containers.ChannelTokens, options.Value.QueryPageSize, logger);
    }

    public async Task<Versioned<ChannelTokenDocument>?> ReadAsync(SalesChannel channel, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var id = ChannelTokenDocument.DocumentId(channel, accountId);
        var read = await _documents.ReadAsync(id, id, cancellationToken);
        if (read is not { } found)
        {
            return null;
        }

        found.Document.EnsureReadable();
        return new Versioned<ChannelTokenDocument>(found.Document, found.ETag);
    }

    public Task<string> CreateAsync(ChannelTokenDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return _documents.CreateAsync(Clean(document), document.Pk, document.Id, cancellationToken);
    }

    public Task<string> ReplaceAsync(ChannelTokenDocument document, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return _documents.ReplaceAsync(Clean(document), document.Pk, document.Id, ifMatchETag, cancellationToken);
    }

    public Task<string> UpsertAsync(ChannelTokenDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return _documents.UpsertAsync(Clean(document), document.Pk, document.Id, cancellationToken);
    }

    // The ETag read is not written back as a property: Cosmos owns _etag.
    private static ChannelTokenDocument Clean(ChannelTokenDocument document) => document with { ETag = null };
}
