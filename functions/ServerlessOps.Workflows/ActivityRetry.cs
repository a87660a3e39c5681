using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;

namespace ServerlessOps.Workflows;

/// <summary>
/// How every workflow retries a failed activity: 5 attempts, 2 s doubling to at most 1 min between them (about 30 s in
/// all), each wait stretched or shrunk by up to half at random. Without the spread, flows that failed together (a store
/// outage, a throttled partition) came back together and met the same overload in lockstep.
/// </summary>
/// <remarks>
/// The random part must be the same every time the orchestrator replays, so it is drawn from a hash of the instance id
/// and the attempt number rather than from a random source: each instance gets its own spread, and a replay the same one.
/// </remarks>
public static class ActivityRetry
{
    public const int MaxAttempts = 5;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    public static TaskOptions Options { get; } = TaskOptions.FromRetryHandler(RetryAsync);

    /// <summary>The longest wait between attempts: the cap stretched by the whole spread.</summary>
    public static TimeSpan LongestDelay { get; } = MaxDelay * 1.5;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based) of instance <paramref name="instanceId"/>.</summary>
    public static TimeSpan DelayAfter(string instanceId, int attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doubled = FirstDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var nominal = Math.Min(doubled, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(nominal * (0.5 + Spread(instanceId, attempt)));
    }

    private static async Task<bool> RetryAsync(RetryContext retry)
    {
        if (retry.LastAttemptNumber >= MaxAttempts)
        {
            return false;
        }

        var context = retry.OrchestrationContext;
        await context.CreateTimer(DelayAfter(context.InstanceId, retry.LastAttemptNumber), retry.CancellationToken);
        return true;
    }

    /// <summary>A number in [0, 1) fixed by the instance and attempt.</summary>
    private static double Spread(string instanceId, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}#{attempt}"));
        return BinaryPrimitives.ReadUInt32LittleEndian(hash) / (double)(1L << 32);
    }
}
