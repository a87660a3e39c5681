using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// The registry container's pull-model change feed (latest version of each changed document), its continuation kept
/// in memory only: a restarted app reloads the whole registry anyway, so nothing needs to survive it. Reads pages
/// until the feed answers 304 Not Modified. SDK failures are translated (<see cref="CosmosFailures"/>).
/// </summary>
internal sealed class RegistryChangeFeed(Container container, ILogger logger) : IDisposable
{
    /// <summary>Most pages one poll reads; the rest waits for the next poll (a burst of writes, or a feed that never says 304).</summary>
    private const int MaxPagesPerPoll = 20;

    private FeedIterator<RegistryDocument>? _iterator;

    /// <summary>
    /// Starts following changes from now and reads once, so the position is fixed before the caller loads the whole
    /// registry: a change written during that load is then seen again by the next <see cref="ReadChangesAsync"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _iterator?.Dispose();
        _iterator = container.GetChangeFeedIterator<RegistryDocument>(
            ChangeFeedStartFrom.Now(), ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = 100 });
        await ReadChangesAsync(cancellationToken);
    }

    /// <summary>The documents changed since the previous read (possibly including repeats; callers compare ETags).</summary>
    public async Task<IReadOnlyList<RegistryDocument>> ReadChangesAsync(CancellationToken cancellationToken)
    {
        var iterator = _iterator ?? throw new InvalidOperationException("Call StartAsync first.");
        var changes = new List<RegistryDocument>();
        var operation = new CosmosOperation("change-feed", container.Id, "(all)");
        try
        {
            for (var page = 0; page < MaxPagesPerPoll && iterator.HasMoreResults; page++)
            {
                var response = await iterator.ReadNextAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotModified || response.Count == 0)
                {
                    break;
                }

                changes.AddRange(response);
            }
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotModified)
        {
            // Some SDK paths surface "no new changes" as an exception; it is the normal answer of an idle feed.
        }
        catch (Exception ex) when (CosmosFailures.TryTranslate(ex, operation, logger, cancellationToken, out var translated))
        {
            throw translated;
        }

        return changes;
    }

    public void Dispose() => _iterator?.Dispose();
}
