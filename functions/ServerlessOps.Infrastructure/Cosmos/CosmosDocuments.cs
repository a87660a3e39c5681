using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// Point operations and partition queries on one container, with every SDK failure translated
/// (<see cref="CosmosFailures"/>). Writes ask for no content back: the caller already holds what it wrote and
/// needs only the new ETag.
/// </summary>
internal sealed class CosmosDocuments<TDocument>(Container container, int pageSize, ILogger logger)
{
    public string ContainerName => container.Id;

    private CosmosSerializer Serializer =>
        container.Database.Client.ClientOptions.Serializer
        ?? throw new InvalidOperationException("The Cosmos client has no serializer; CosmosClientFactory always sets one.");

    /// <summary>The document and its ETag, or null on 404.</summary>
    /// <remarks>
    /// The stream API, because a missing document is the normal case here (every new order, every first
    /// arrival), and the typed API reports it as a CosmosException whose diagnostics cost more CPU than the read.
    /// </remarks>
    public async Task<(TDocument Document, string ETag)?> ReadAsync(string partitionKey, string id, CancellationToken cancellationToken)
    {
        var operation = new CosmosOperation("read", container.Id, partitionKey, id);
        try
        {
            using var response = await container.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            return (Serializer.FromStream<TDocument>(response.Content), response.Headers.ETag);
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, logger, cancellationToken, out var translated))
        {
            throw translated;
        }
    }

    /// <summary>Creates; a 409 (the id exists) becomes a concurrency conflict. Returns the new ETag.</summary>
    public async Task<string> CreateAsync(TDocument document, string partitionKey, string id, CancellationToken cancellationToken)
    {
        var operation = new CosmosOperation("create", container.Id, partitionKey, id);
        try
        {
            var response = await container.CreateItemAsync(document, new PartitionKey(partitionKey), NoContent(), cancellationToken);
            return response.ETag;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw CosmosFailures.Conflict(ex, operation, logger);
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, logger, cancellationToken, out var translated))
        {
            throw translated;
        }
    }

    /// <summary>
    /// Replaces only if the stored ETag is still <paramref name="ifMatchETag"/>; a 412 (someone wrote since) or
    /// a 404 (someone deleted it since) becomes a concurrency conflict. Returns the new ETag.
    /// </summary>
    public async Task<string> ReplaceAsync(TDocument document, string partitionKey, string id, string ifMatchETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ifMatchETag);
        var operation = new CosmosOperation("replace", container.Id, partitionKey, id);
        try
        {
            var options = new ItemRequestOptions { IfMatchEtag = ifMatchETag, EnableContentResponseOnWrite = false };
            var response = await container.ReplaceItemAsync(document, id, new PartitionKey(partitionKey), options, cancellationToken);
            return response.ETag;
        }
        catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw CosmosFailures.Conflict(ex, operation, logger);
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, logger, cancellationToken, out var translated))
        {
            throw translated;
        }
    }

    /// <summary>Creates or overwrites, unconditionally. Returns the new ETag.</summary>
    public async Task<string> UpsertAsync(TDocument document, string partitionKey, string id, CancellationToken cancellationToken)
    {
        var operation = new CosmosOperation("upsert", container.Id, partitionKey, id);
        try
        {
            var response = await container.UpsertItemAsync(document, new PartitionKey(partitionKey), NoContent(), cancellationToken);
            return response.ETag;
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, logger, cancellationToken, out var translated))
        {
            throw translated;
        }
    }

    private static ItemRequestOptions NoContent() => new() { EnableContentResponseOnWrite = false };

    /// <summary>
    /// Deletes only if the stored ETag is still <paramref name="ifMatchETag"/>: a 412 (someone wrote since) becomes a
    /// concurrency conflict. False when the document was already gone (404).
    /// </summary>
    public async Task<bool> DeleteAsync(string partitionKey, string id, string ifMatchETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ifMatchETag);
        var operation = new CosmosOperation("delete", container.Id, partitionKey, id);
        try
        {
            using var response = await container.DeleteItemStreamAsync(
                id, new PartitionKey(partitionKey), new ItemRequestOptions { IfMatchEtag = ifMatchETag }, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            response.EnsureSuccessStatusCode();
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw CosmosFailures.Conflict(ex, operation, logger);
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, logger, cancellationToken, out var translated))
        {
            throw translated;
        }
    }

    /// <summary>See <see cref="SinglePartitionQuery.StreamAsync{T}"/>: one page in memory at a time.</summary>
    public IAsyncEnumerable<TDocument> StreamAsync(
        string partitionKey,
        string documentType,
        string? filter,
        string orderBy,
        IReadOnlyList<KeyValuePair<string, object>> parameters,
        CancellationToken cancellationToken)
    {
        var operation = new CosmosOperation("query", container.Id, partitionKey);
        return SinglePartitionQuery.StreamAsync<TDocument>(
            container, partitionKey, documentType, filter, orderBy, parameters, pageSize, logger,
            async read =>
            {
                try
                {
                    return await read();
                }
                catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, logger, cancellationToken, out var translated))
                {
                    throw translated;
                }
            },
            cancellationToken);
    }

    /// <summary>See <see cref="SinglePartitionQuery.ReadAllAsync{T}"/>.</summary>
    public async Task<IReadOnlyList<TDocument>> QueryAsync(
        string partitionKey,
        string documentType,
        string? filter,
        string orderBy,
        IReadOnlyList<KeyValuePair<string, object>> parameters,
        CancellationToken cancellationToken,
        int? top = null)
    {
        var operation = new CosmosOperation("query", container.Id, partitionKey);
        try
        {
            return await SinglePartitionQuery.ReadAllAsync<TDocument>(
                container, partitionKey, documentType, filter, orderBy, parameters, pageSize, logger, cancellationToken, top);
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, logger, cancellationToken, out var translated))
        {
            throw translated;
        }
    }
}
