using System.Diagnostics;
using Azure.Storage.Queues;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>The physical limit: how many send + receive + delete cycles Azurite's queue service completes per
/// second with a few parallel clients, the round trips a queue-driven step cannot avoid.</summary>
internal static class RawQueueRate
{
    public static async Task<double> MeasureCyclesPerSecondAsync(string connectionString, TimeSpan duration, int parallelism, CancellationToken cancellationToken)
    {
        // One queue per client (as the hub's queues are separate), a second of warm-up not counted.
        var queues = Enumerable.Range(0, parallelism)
            .Select(i => new QueueClient(connectionString, "rawrate" + Guid.NewGuid().ToString("N")[..8]))
            .ToArray();
        await Task.WhenAll(queues.Select(q => q.CreateAsync(cancellationToken: cancellationToken)));
        var warmUp = TimeSpan.FromSeconds(1);
        var cycles = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(queues.Select(async queue =>
        {
            while (clock.Elapsed < warmUp + duration)
            {
                await queue.SendMessageAsync("x", cancellationToken);
                var received = (await queue.ReceiveMessageAsync(cancellationToken: cancellationToken)).Value;
                if (received is not null)
                {
                    await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, cancellationToken);
                    if (clock.Elapsed >= warmUp)
                    {
                        Interlocked.Increment(ref cycles);
                    }
                }
            }
        }));
        var rate = cycles / (clock.Elapsed - warmUp).TotalSeconds;
        await Task.WhenAll(queues.Select(q => q.DeleteAsync(cancellationToken)));
        return rate;
    }
}
