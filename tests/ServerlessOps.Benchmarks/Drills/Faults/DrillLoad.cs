using System.Collections.Concurrent;
using System.Diagnostics;
using ServerlessOps.Benchmarks.OrderFlow;

namespace ServerlessOps.Benchmarks.Drills.Faults;

/// <summary>
/// Sends orders' webhooks open loop at a fixed rate to wherever the app is listening now (a restarted app listens
/// on a new port), recording every attempt. Then, as the channels do, it re-sends each delivery that got no 2xx
/// (a 503, a refused connection, a timeout) until it is acknowledged or its tries run out.
/// </summary>
internal sealed class DrillLoad(HttpClient http, Func<Uri> baseAddress, Stopwatch clock)
{
    private const int ChannelRetries = 8;
    private readonly ConcurrentBag<DrillAttempt> _attempts = [];

    public IReadOnlyCollection<DrillAttempt> Attempts => _attempts;

    public async Task SendAsync(IReadOnlyList<NewOrder> orders, int rate, CancellationToken cancellationToken)
    {
        var tasks = new List<Task>(orders.Count);
        var start = clock.Elapsed;
        for (var i = 0; i < orders.Count; i++)
        {
            var due = start + TimeSpan.FromSeconds((double)i / rate);
            if (due - clock.Elapsed is { } wait && wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            var order = orders[i];
            tasks.Add(Task.Run(() => AttemptAsync(order, afterLoad: false, cancellationToken), cancellationToken));
        }

        await Task.WhenAll(tasks);
    }

    /// <summary>Re-sends what was never acknowledged, backing off between rounds as a channel's retry schedule does.</summary>
    public async Task RetryUnacknowledgedAsync(CancellationToken cancellationToken)
    {
        for (var round = 1; round <= ChannelRetries; round++)
        {
            var pending = _attempts.GroupBy(a => a.Order.OrderId).Where(g => !g.Any(a => a.Acknowledged)).Select(g => g.First().Order).ToArray();
            if (pending.Length == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 2 * round)), cancellationToken);
            await Task.WhenAll(pending.Select(order => AttemptAsync(order, afterLoad: true, cancellationToken)));
        }
    }

    private async Task<bool> AttemptAsync(NewOrder order, bool afterLoad, CancellationToken cancellationToken)
    {
        var sentAt = clock.Elapsed;
        var status = 0;
        try
        {
            using var request = order.Webhook.ToRequest(baseAddress());
            using var response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        var attempt = new DrillAttempt(order, sentAt, status, (clock.Elapsed - sentAt).TotalMilliseconds, afterLoad);
        _attempts.Add(attempt);
        return attempt.Acknowledged;
    }
}
