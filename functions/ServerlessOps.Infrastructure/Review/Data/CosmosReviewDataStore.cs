using System.Runtime.CompilerServices;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Review.Data;

/// <summary>
/// <see cref="IReviewDataStore"/> on container <c>reviewData</c>. Reads walk the range month by month, one
/// single-partition query per month ordered by day, yielding page by page: a brand's history never sits in memory.
/// Writes are upserts by key (<see cref="ReviewDataKeys"/>), so a row imported twice is one document, the latest
/// import's.
/// </summary>
public sealed class CosmosReviewDataStore : IReviewDataStore
{
    private readonly Container _container;
    private readonly int _pageSize;
    private readonly ILogger<CosmosReviewDataStore> _logger;

    public CosmosReviewDataStore(CosmosContainers containers, IOptions<CosmosOptions> options, ILogger<CosmosReviewDataStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(options);
        _container = containers.Client.GetContainer(containers.DatabaseName, CosmosContainers.ReviewDataName);
        _pageSize = options.Value.QueryPageSize;
        _logger = logger;
    }

    public Task PutAdSpendAsync(AdSpendDay row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        return PutAsync(row.BrandId, ReviewDataKeys.AdSpendType, ReviewMonth.Of(row.Day), row.Day, ReviewDataKeys.AdSpendId(row), row, cancellationToken);
    }

    public Task PutStockSnapshotAsync(StockSnapshot row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        return PutAsync(row.BrandId, ReviewDataKeys.StockSnapshotType, ReviewMonth.Of(row.Day), row.Day, ReviewDataKeys.StockSnapshotId(row), row, cancellationToken);
    }

    public Task PutTargetAsync(ChannelTarget row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        return PutAsync(row.BrandId, ReviewDataKeys.TargetType, row.Month, row.Month.FirstDay, ReviewDataKeys.TargetId(row), row, cancellationToken);
    }

    public Task PutExchangeRateAsync(ExchangeRate row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        return PutAsync(row.BrandId, ReviewDataKeys.ExchangeRateType, ReviewMonth.Of(row.Day), row.Day, ReviewDataKeys.ExchangeRateId(row), row, cancellationToken);
    }

    public IAsyncEnumerable<AdSpendDay> ReadAdSpendAsync(string brandId, DateOnly fromDay, DateOnly untilDay, CancellationToken cancellationToken = default) =>
        ReadRangeAsync<AdSpendDay>(brandId, ReviewDataKeys.AdSpendType, fromDay, untilDay, cancellationToken);

    public IAsyncEnumerable<StockSnapshot> ReadStockSnapshotsAsync(string brandId, DateOnly fromDay, DateOnly untilDay, CancellationToken cancellationToken = default) =>
        ReadRangeAsync<StockSnapshot>(brandId, ReviewDataKeys.StockSnapshotType, fromDay, untilDay, cancellationToken);

    public async Task<IReadOnlyList<ChannelTarget>> GetTargetsAsync(string brandId, ReviewMonth month, CancellationToken cancellationToken = default)
    {
        var targets = new List<ChannelTarget>();
        await foreach (var target in ReadRangeAsync<ChannelTarget>(brandId, ReviewDataKeys.TargetType, month.FirstDay, month.Next.FirstDay, cancellationToken))
        {
            targets.Add(target);
        }

        return [.. targets.OrderBy(t => t.Channel)];
    }

    public async Task<IReadOnlyList<ExchangeRate>> GetExchangeRatesAsync(string brandId, DateOnly fromDay, DateOnly untilDay, CancellationToken cancellationToken = default)
    {
        var rates = new List<ExchangeRate>();
        await foreach (var rate in ReadRangeAsync<ExchangeRate>(brandId, ReviewDataKeys.ExchangeRateType, fromDay, untilDay, cancellationToken))
        {
            rates.Add(rate);
        }

        return rates;
    }

    private async Task PutAsync<TRow>(string brandId, string type, ReviewMonth month, DateOnly day, string id, TRow row, CancellationToken cancellationToken)
    {
        var document = new ReviewDataDocument<TRow>
        {
            Id = id,
            Pk = ReviewDataKeys.Partition(brandId, type, month),
            BrandId = brandId,
            Type = type,
            Day = ReviewDataKeys.Day(day),
            Row = row,
        };
        var operation = new CosmosOperation("upsert", _container.Id, document.Pk, id);
        try
        {
            await _container.UpsertItemAsync(document, new PartitionKey(document.Pk), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, _logger, cancellationToken, out var translated))
        {
            throw translated;
        }
    }

    /// <summary>Rows of [<paramref name="fromDay"/>, <paramref name="untilDay"/>), a month's partition at a time, ordered by day.</summary>
    private async IAsyncEnumerable<TRow> ReadRangeAsync<TRow>(
        string brandId, string type, DateOnly fromDay, DateOnly untilDay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        if (untilDay <= fromDay)
        {
            yield break;
        }

        var last = ReviewMonth.Of(untilDay.AddDays(-1));
        for (var month = ReviewMonth.Of(fromDay); month <= last; month = month.Next)
        {
            var pk = ReviewDataKeys.Partition(brandId, type, month);
            var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.day >= @from AND c.day < @until ORDER BY c.day")
                .WithParameter("@pk", pk)
                .WithParameter("@type", type)
                .WithParameter("@from", ReviewDataKeys.Day(fromDay))
                .WithParameter("@until", ReviewDataKeys.Day(untilDay));
            var options = new QueryRequestOptions { PartitionKey = new PartitionKey(pk), EnableOptimisticDirectExecution = true, MaxItemCount = _pageSize };
            var operation = new CosmosOperation("query", _container.Id, pk);
            using var iterator = _container.GetItemQueryIterator<ReviewDataDocument<TRow>>(query, requestOptions: options);
            while (iterator.HasMoreResults)
            {
                FeedResponse<ReviewDataDocument<TRow>> page;
                try
                {
                    page = await iterator.ReadNextAsync(cancellationToken);
                }
                catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, _logger, cancellationToken, out var translated))
                {
                    throw translated;
                }

                foreach (var document in page)
                {
                    yield return document.Row;
                }
            }
        }
    }
}
