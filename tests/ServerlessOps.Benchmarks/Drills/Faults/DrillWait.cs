namespace ServerlessOps.Benchmarks.Drills.Faults;

/// <summary>The drills' bounded waits: a condition polled until it holds or its deadline passes.</summary>
internal static class DrillWait
{
    /// <returns>True when <paramref name="condition"/> held before <paramref name="deadline"/> elapsed.</returns>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, TimeSpan poll, CancellationToken cancellationToken)
    {
        var end = DateTimeOffset.UtcNow + deadline;
        while (DateTimeOffset.UtcNow < end)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(poll, cancellationToken);
        }

        return false;
    }
}
