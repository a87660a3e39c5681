using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>
/// Asks Azurite for a queue's and a table's properties every 250 ms from clients of its own, and remembers every
/// answer slower than a second: tells an engine stall from an emulator stall.
/// </summary>
internal sealed class AzuriteProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _slow = [];
    private long _longestTicks;
    private readonly Task _loop;

    public AzuriteProbe(string connectionString)
    {
        var queue = new QueueClient(connectionString, "probe" + Guid.NewGuid().ToString("N")[..8]);
        var table = new TableClient(connectionString, "probe" + Guid.NewGuid().ToString("N")[..8]);
        _loop = Task.Run(async () =>
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: _stop.Token);
            await table.CreateIfNotExistsAsync(_stop.Token);
            while (!_stop.IsCancellationRequested)
            {
                await TimeAsync("queue", () => queue.GetPropertiesAsync(_stop.Token));
                await TimeAsync("table", () => table.QueryAsync<TableEntity>(maxPerPage: 1, cancellationToken: _stop.Token).AsPages().GetAsyncEnumerator(_stop.Token).MoveNextAsync().AsTask());
                await Task.Delay(250, _stop.Token);
            }
        });
    }

    /// <summary>The slowest answer so far.</summary>
    public TimeSpan Longest => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));

    /// <summary>Every slow answer so far: "HH:mm:ss queue 2.3 s".</summary>
    public IReadOnlyList<string> Slow
    {
        get
        {
            lock (_slow)
            {
                return [.. _slow];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task TimeAsync(string service, Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        catch (Azure.RequestFailedException)
        {
            // An error answer is still an answer.
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed.Ticks > Interlocked.Read(ref _longestTicks))
        {
            Interlocked.Exchange(ref _longestTicks, elapsed.Ticks);
        }

        if (elapsed > TimeSpan.FromSeconds(1))
        {
            lock (_slow)
            {
                _slow.Add($"{DateTime.UtcNow:HH:mm:ss} {service} {elapsed.TotalSeconds:F1} s");
            }
        }
    }
}
