namespace ServerlessOps.Durable.AzureStorage.Tests;

/// <summary>Waits for a condition, never for a guessed time: polls until it holds or the deadline passes.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    public static CancellationToken Token(TimeSpan? within = null)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(within ?? Default);
        return cts.Token;
    }

    /// <summary>Calls <paramref name="probe"/> until it returns non-null; throws TimeoutException naming <paramref name="what"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T?>> probe, string what, TimeSpan? within = null)
        where T : class
    {
        var token = Token(within);
        while (true)
        {
            try
            {
                if (await probe(token) is { } value)
                {
                    return value;
                }

                await Task.Delay(20, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
        }
    }
}
