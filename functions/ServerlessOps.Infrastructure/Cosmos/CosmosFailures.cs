using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Concurrency;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// The edge where SDK failures become ours, so no caller ever sees a Cosmos type: lost races become
/// <see cref="ConcurrencyConflictException"/>, outages and throttling <see cref="StoreUnavailableException"/>,
/// anything else (a bad request, a missing container, a forbidden identity) an <see cref="InvalidOperationException"/>
/// that names the operation and the status.
/// </summary>
internal static class CosmosFailures
{
    /// <summary>RetryWith: the service asks the client to retry a conflicting write shortly.</summary>
    private const HttpStatusCode RetryWith = (HttpStatusCode)449;

    /// <summary>
    /// Used in an exception filter after the operation's own expected statuses (404 on a read, 409 on a
    /// create, 412 on a replace) have been caught. False only for the caller's own cancellation of a
    /// non-Cosmos exception and for exceptions that are not the SDK's or the network's.
    /// </summary>
    public static bool TryTranslate(Exception exception, CosmosOperation operation, ILogger logger, CancellationToken cancellationToken, out Exception translated)
    {
        switch (exception)
        {
            case CosmosOperationCanceledException canceled when cancellationToken.IsCancellationRequested:
                translated = new OperationCanceledException($"Cosmos {operation} was cancelled.", canceled, cancellationToken);
                return true;

            case CosmosException cosmos when IsTransient(cosmos.StatusCode):
                var retryAfter = cosmos.RetryAfter is { } hint && hint > TimeSpan.Zero
                    ? hint
                    : cosmos.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.FromSeconds(1) : StoreUnavailableException.DefaultRetryAfter;
                logger.StoreUnavailable(operation.Name, operation.Container, operation.PartitionKey, operation.DocumentId,
                    cosmos.StatusCode, cosmos.SubStatusCode, (long)retryAfter.TotalMilliseconds, cosmos.ActivityId);
                translated = new StoreUnavailableException(
                    $"Cosmos DB is unavailable for {operation}: {(int)cosmos.StatusCode} {cosmos.StatusCode}/{cosmos.SubStatusCode}. Retry after {retryAfter.TotalSeconds:0.#} s.",
                    retryAfter,
                    cosmos);
                return true;

            case CosmosException cosmos:
                logger.StoreRejected(operation.Name, operation.Container, operation.PartitionKey, operation.DocumentId,
                    cosmos.StatusCode, cosmos.SubStatusCode, cosmos.ActivityId);
                translated = new InvalidOperationException(
                    $"Cosmos DB rejected {operation}: {(int)cosmos.StatusCode} {cosmos.StatusCode}/{cosmos.SubStatusCode} (activity {cosmos.ActivityId}).",
                    cosmos);
                return true;

            // The SDK's own timeout (not the caller's token), a refused or reset connection, a DNS failure.
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
            case HttpRequestException or TimeoutException:
                logger.StoreUnreachable(operation.Name, operation.Container, operation.PartitionKey, operation.DocumentId, exception.GetType().Name, exception);
                translated = new StoreUnavailableException(
                    $"Cosmos DB could not be reached for {operation}: {exception.GetType().Name}: {exception.Message}",
                    StoreUnavailableException.DefaultRetryAfter,
                    exception);
                return true;

            default:
                translated = exception;
                return false;
        }
    }

    /// <summary>A conflict: a create met an existing id, or a replace met a newer ETag (or a deleted document).</summary>
    public static ConcurrencyConflictException Conflict(CosmosException exception, CosmosOperation operation, ILogger logger)
    {
        logger.ConcurrencyConflict(operation.Name, operation.Container, operation.PartitionKey, operation.DocumentId ?? string.Empty, exception.StatusCode);
        var why = exception.StatusCode switch
        {
            HttpStatusCode.Conflict => "a document with this id already exists",
            HttpStatusCode.PreconditionFailed => "the document changed since it was read (ETag mismatch)",
            HttpStatusCode.NotFound => "the document no longer exists",
            _ => exception.StatusCode.ToString(),
        };
        return new ConcurrencyConflictException($"{operation} lost to another writer: {why}.", exception);
    }

    private static bool IsTransient(HttpStatusCode status) => status is
        HttpStatusCode.TooManyRequests
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.RequestTimeout
        or HttpStatusCode.Gone
        or RetryWith;
}
