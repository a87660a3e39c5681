namespace ServerlessOps.Standalone.Tests.Support;

/// <summary>Every await in these tests ends: the test's own token, cut off after a deadline.</summary>
internal static class Deadline
{
    /// <summary>Long enough for any single orchestration here on a loaded 2-core machine.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    /// <summary>A token cancelled when the test is, or after <paramref name="within"/> (default <see cref="Default"/>).</summary>
    public static CancellationToken Token(TimeSpan? within = null)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(within ?? Default);
        return source.Token;
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns a value; a missed deadline throws <see cref="TimeoutException"/>
    /// naming <paramref name="what"/> (so a failure says which condition never held, not just "canceled").
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T?>> probe, string what, TimeSpan? within = null)
        where T : class
    {
        var token = Token(within);
        try
        {
            while (true)
            {
                if (await probe(token) is { } value)
                {
                    return value;
                }

                await Task.Delay(50, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {(within ?? Default).TotalSeconds:0} s waiting for {what}.");
        }
    }

    /// <summary>Awaits <paramref name="task"/> within <paramref name="within"/>, naming <paramref name="what"/> on timeout.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, string what, TimeSpan? within = null)
    {
        try
        {
            return await task.WaitAsync(within ?? Default, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Timed out after {(within ?? Default).TotalSeconds:0} s waiting for {what}.", e);
        }
    }
}
