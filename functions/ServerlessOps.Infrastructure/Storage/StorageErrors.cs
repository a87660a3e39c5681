using Azure;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Turns Azure Storage outages into <see cref="StoreUnavailableException"/> at the edge of Infrastructure,
/// so callers answer 503 with Retry-After (or let the queue retry) and never see SDK types.
/// </summary>
internal static class StorageErrors
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static async Task<T> TranslateAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken = default)
    {
        try
        {
            return await operation();
        }
        catch (RequestFailedException e) when (IsTransient(e.Status))
        {
            throw new StoreUnavailableException($"Azure Storage answered {e.Status} ({e.ErrorCode}).", RetryAfter, e);
        }
        catch (RequestFailedException e) when (e.Status == 0)
        {
            throw new StoreUnavailableException("Azure Storage could not be reached.", RetryAfter, e);
        }
        catch (HttpRequestException e)
        {
            throw new StoreUnavailableException("Azure Storage could not be reached.", RetryAfter, e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(IsUnreachable))
        {
            throw new StoreUnavailableException("Azure Storage could not be reached.", RetryAfter, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The SDK's own network timeout cancels the request (TaskCanceledException); so does a caller's token,
            // which is not an outage. Before this, a store too slow to answer within the edge's timeout surfaced as
            // a 500 "unexpected" instead of a 503 the channel retries.
            throw new StoreUnavailableException("Azure Storage did not answer in time.", RetryAfter, e);
        }
    }

    public static async Task TranslateAsync(Func<Task> operation, CancellationToken cancellationToken = default) =>
        await TranslateAsync(
            async () =>
            {
                await operation();
                return true;
            },
            cancellationToken);

    /// <summary>What the SDK throws, alone or once per try, when the store did not answer (as opposed to answering no).</summary>
    private static bool IsUnreachable(Exception e) => e switch
    {
        RequestFailedException failed => failed.Status == 0 || IsTransient(failed.Status),
        HttpRequestException or OperationCanceledException => true,
        _ => false,
    };

    private static bool IsTransient(int status) => status is 408 or 429 or >= 500;
}
