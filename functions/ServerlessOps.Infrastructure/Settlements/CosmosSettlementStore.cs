using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Documents;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// <see cref="ISettlementStore"/> on container <c>reviewData</c> (settlements are review input like ad spend, and the
/// container's partition key is free-form, so no new container is provisioned). A line is created once (409 = already
/// imported: the idempotency of a re-import); marking it matched is an upsert of the same immutable line with its match time.
/// </summary>
public sealed class CosmosSettlementStore : ISettlementStore
{
    /// <summary>Stores of one payout that meet another import's store of it before one goes through; more is a fault.</summary>
    private const int MaxPutAttempts = 5;

    /// <summary>Reconciliations stored before the list was paged given their sort key per query (see KeyUnkeyedReconciliationsAsync).</summary>
    private const int UnkeyedPerRound = 100;

    private readonly Container _container;
    private readonly CosmosDocuments<PayoutReconciliationDocument> _payouts;
    private readonly ILogger<CosmosSettlementStore> _logger;

    public CosmosSettlementStore(CosmosContainers containers, ILogger<CosmosSettlementStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        _container = containers.Client.GetContainer(containers.DatabaseName, CosmosContainers.ReviewDataName);
        _payouts = new CosmosDocuments<PayoutReconciliationDocument>(_container, 100, logger);
        _logger = logger;
    }

    public async Task<bool> AddLineAsync(string brandId, SettlementLine line, DateTimeOffset importedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        var document = Document(brandId, line, importedAt, matchedAt: null);
        var operation = new CosmosOperation("create", _container.Id, document.Pk, document.Id);
        try
        {
            await _container.CreateItemAsync(document, new PartitionKey(document.Pk), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, _logger, cancellationToken, out var translated))
        {
            throw translated;
        }
    }

    public async Task MarkMatchedAsync(string brandId, SettlementLine line, DateTimeOffset matchedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        var pk = SettlementLineDocument.PartitionOf(brandId, line.Channel, line.AccountId);
        var id = SettlementLineDocument.IdOf(line);
        var operation = new CosmosOperation("upsert", _container.Id, pk, id);
        try
        {
            var stored = await _container.ReadItemAsync<SettlementLineDocument>(id, new PartitionKey(pk), cancellationToken: cancellationToken);
            if (stored.Resource.MatchedAt is not null)
            {
                return;
            }

            await _container.ReplaceItemAsync(
                Document(brandId, stored.Resource.Line, stored.Resource.ImportedAt, matchedAt), id, new PartitionKey(pk),
                new ItemRequestOptions { IfMatchEtag = stored.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            // Another import marked it at the same time: matched either way.
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, _logger, cancellationToken, out var translated))
        {
            throw translated;
        }
    }

    public async Task<IReadOnlyList<StoredSettlementLine>> ListPendingAsync(string brandId, SalesChannel channel, string accountId, CancellationToken cancellationToken = default)
    {
        var pk = SettlementLineDocument.PartitionOf(brandId, channel, accountId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.pending = true")
            .WithParameter("@type", SettlementLineDocument.DocumentType);
        var documents = await QueryAsync<SettlementLineDocument>(pk, query, cancellationToken);
        return [.. documents.Select(d => new StoredSettlementLine(d.Line, d.ImportedAt, d.MatchedAt)).OrderBy(l => l.Line.PostedAt).ThenBy(l => l.Line.TransactionId, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<SettlementLine>> ListPayoutLinesAsync(string brandId, SalesChannel channel, string accountId, string payoutId, CancellationToken cancellationToken = default)
    {
        var pk = SettlementLineDocument.PartitionOf(brandId, channel, accountId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.payoutId = @payout")
            .WithParameter("@type", SettlementLineDocument.DocumentType)
            .WithParameter("@payout", payoutId);
        return [.. (await QueryAsync<SettlementLineDocument>(pk, query, cancellationToken)).Select(d => d.Line)];
    }

    public async Task PutReconciliationAsync(string brandId, PayoutReconciliation reconciliation, DateTimeOffset checkedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reconciliation);
        var pk = PayoutReconciliationDocument.PartitionOf(brandId);
        var id = PayoutReconciliationDocument.IdOf(reconciliation.Payout);
        for (var attempt = 1; ; attempt++)
        {
            // The sort key is kept from the stored document, so the write is conditional: a create, or a replace at the
            // ETag read. A conflict means another import stored the payout meanwhile; read again and keep its key.
            var stored = await _payouts.ReadAsync(pk, id, cancellationToken);
            var document = new PayoutReconciliationDocument
            {
                Id = id,
                Pk = pk,
                BrandId = brandId,
                Mismatch = reconciliation.IsMismatch,
                NotReconcilable = !reconciliation.IsReconcilable,
                CheckedAt = checkedAt,
                PaidAtKey = stored?.Document.PaidAtKey ?? CosmosValues.SortableUtc(reconciliation.Payout.PaidAt),
                Reconciliation = reconciliation,
            };
            try
            {
                if (stored is { ETag: var etag })
                {
                    await _payouts.ReplaceAsync(document, pk, id, etag, cancellationToken);
                }
                else
                {
                    await _payouts.CreateAsync(document, pk, id, cancellationToken);
                }

                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxPutAttempts)
            {
            }
        }
    }

    public async Task<Page<PayoutReconciliation>> ListReconciliationsAsync(string brandId, bool mismatchesOnly, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        await KeyUnkeyedReconciliationsAsync(brandId, cancellationToken);

        // Only documents with the sort key (see PayoutReconciliationDocument.PaidAtKey), so every page ends on a key a
        // cursor can carry. The mismatch flag is a literal, not a parameter: the local Cosmos server answers 400 otherwise.
        var documents = await KeysetPageQuery.ReadAsync(
            _payouts,
            PayoutReconciliationDocument.PartitionOf(brandId),
            PayoutReconciliationDocument.DocumentType,
            mismatchesOnly ? "IS_STRING(c.paidAtKey) AND c.mismatch = true" : "IS_STRING(c.paidAtKey)",
            [],
            "c.paidAtKey",
            d => d.PaidAtKey!,
            d => d.Id,
            page,
            cancellationToken);
        return new Page<PayoutReconciliation>([.. documents.Items.Select(d => d.Reconciliation)], documents.Next);
    }

    /// <summary>
    /// Gives the sort key to the brand's reconciliations stored before the list was paged (the key from their stored
    /// paid-at), so none drops out of the list: the import stores again only payouts within its lookback. One query
    /// finding none once they all have it; a write that meets another store of the payout leaves it to that store, which
    /// keeps or sets the key itself.
    /// </summary>
    private async Task KeyUnkeyedReconciliationsAsync(string brandId, CancellationToken cancellationToken)
    {
        var pk = PayoutReconciliationDocument.PartitionOf(brandId);
        while (true)
        {
            var unkeyed = await _payouts.QueryAsync(
                pk, PayoutReconciliationDocument.DocumentType, "NOT IS_STRING(c.paidAtKey)", "c.id", [], cancellationToken, top: UnkeyedPerRound);
            var keyed = 0;
            foreach (var document in unkeyed)
            {
                try
                {
                    var key = CosmosValues.SortableUtc(document.Reconciliation.Payout.PaidAt);
                    await _payouts.ReplaceAsync(document.WithPaidAtKey(key), pk, document.Id, document.ETag!, cancellationToken);
                    keyed++;
                }
                catch (ConcurrencyConflictException)
                {
                    // Stored again meanwhile: that store gave it its key.
                }
            }

            if (unkeyed.Count < UnkeyedPerRound || keyed == 0)
            {
                return;
            }
        }
    }

    private static SettlementLineDocument Document(string brandId, SettlementLine line, DateTimeOffset importedAt, DateTimeOffset? matchedAt) => new()
    {
        Id = SettlementLineDocument.IdOf(line),
        Pk = SettlementLineDocument.PartitionOf(brandId, line.Channel, line.AccountId),
        BrandId = brandId,
        PayoutId = line.PayoutId,
        Pending = line.ExternalOrderId is not null && matchedAt is null,
        Line = line,
        ImportedAt = importedAt,
        MatchedAt = matchedAt,
    };

    /// <summary>
    /// One partition's documents. The partition is named in the text as well as in the options (and booleans are
    /// literals, not parameters): the local Cosmos server answers 400 otherwise, as the other stores found.
    /// </summary>
    private async Task<List<TDocument>> QueryAsync<TDocument>(string pk, QueryDefinition query, CancellationToken cancellationToken)
    {
        query = query.WithParameter("@pk", pk);
        var results = new List<TDocument>();
        var operation = new CosmosOperation("query", _container.Id, pk);
        using var iterator = _container.GetItemQueryIterator<TDocument>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(pk), EnableOptimisticDirectExecution = true });
        while (iterator.HasMoreResults)
        {
            try
            {
                results.AddRange(await iterator.ReadNextAsync(cancellationToken));
            }
            catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, _logger, cancellationToken, out var translated))
            {
                throw translated;
            }
        }

        return results;
    }
}
