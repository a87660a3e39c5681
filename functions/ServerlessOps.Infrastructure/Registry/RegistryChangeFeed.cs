using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// The registry container's pull-model change feed (latest version of each changed document), its position kept in
/// memory only: a restarted app reloads the whole registry anyway, so nothing needs to survive it.
/// <para>
/// The position is a time, not a continuation token: each read starts a feed from the previous read's start, less
/// <see cref="Overlap"/>. Real Cosmos DB answers that with the documents changed since (usually one request, or a 304);
/// the local emulator answers every request that carries a continuation with 304, even after a change, and a time-based
/// start with every document. The overlap absorbs clock skew between the app and Cosmos DB; the documents it repeats,
/// like the emulator's, are told apart from real changes by their ETags (<see cref="RegistryRefreshService"/>).
/// </para>
/// </summary>
internal sealed class RegistryChangeFeed(Container container, TimeProvider time, ILogger logger)
{
    /// <summary>How far back each read reaches before the previous one began.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    /// <summary>Most pages one read takes (1,000 documents each); the rest waits for the next poll.</summary>
    private const int MaxPagesPerRead = 20;

    private DateTimeOffset? _since;

    /// <summary>Fixes the position at now, before the caller loads the whole registry: a change written during that load is seen by the next read.</summary>
    public void StartNow() => _since = time.GetUtcNow();

    /// <summary>The documents changed since the previous read (with repeats; callers compare ETags).</summary>
    public async Task<IReadOnlyList<RegistryDocument>> ReadChangesAsync(CancellationToken cancellationToken)
    {
        var from = (_since ?? throw new InvalidOperationException("Call StartNow first.")) - Overlap;
        var startedAt = time.GetUtcNow();
        var changes = new List<RegistryDocument>();
        var operation = new CosmosOperation("change-feed", container.Id, "(all)");
        try
        {
            using var iterator = container.GetChangeFeedIterator<RegistryDocument>(
                ChangeFeedStartFrom.Time(from.UtcDateTime), ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = 1000 });
            for (var page = 0; page < MaxPagesPerRead && iterator.HasMoreResults; page++)
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

        // Advanced only after a successful read, so a failed one is retried from the same point.
        _since = startedAt;
        return changes;
    }
}
