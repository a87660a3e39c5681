using Azure;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// Turns Azure Storage outages into <see cref="StoreUnavailableException"/> at the edge of Infrastructure,
/// so callers answer 503 with Retry-After (or let the queue retry) and never see SDK types.
/// </summary>
internal static class StorageErrors
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static async Task<T> TranslateAsync<T>(Func<Task<T>> operation)
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
        catch (AggregateException e) when (e.InnerException is RequestFailedException or HttpRequestException)
        {
            throw new StoreUnavailableException("Azure Storage could not be reached.", RetryAfter, e);
        }
    }

    public static async Task TranslateAsync(Func<Task> operation) =>
        await TranslateAsync(async () =>
        {
            await operation();
            return true;
        });

    private static bool IsTransient(int status) => status is 408 or 429 or >= 500;
}
