using System.Diagnostics;
using System.Globalization;
using ServerlessOps.Benchmarks.Ingest;

namespace ServerlessOps.Benchmarks.OrderFlow;

/// <summary>
/// Sends new orders' webhooks open loop at a fixed rate (<see cref="OpenLoop"/>): order <c>i</c> is due at <c>i / rate</c>
/// whatever happened to the earlier ones. At most <c>maxInFlight</c> await their answer; a due order past that is not
/// sent and is reported as such, so a stalled app bounds the generator instead of piling up requests.
/// </summary>
internal static class OrderLoad
{
    public static async Task<(IReadOnlyList<OrderAck> Acks, int NotSent)> SendAsync(
        HttpClient http, Uri baseAddress, IReadOnlyList<NewOrder> orders, int rate, int maxInFlight, CancellationToken cancellationToken)
    {
        var acks = new OrderAck?[orders.Count];
        var notSent = 0;
        var inFlight = 0;
        var tasks = new List<Task>(orders.Count);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < orders.Count; i++)
        {
            var scheduled = await OpenLoop.WaitForTurnAsync(clock, i, rate, cancellationToken);
            if (Volatile.Read(ref inFlight) >= maxInFlight)
            {
                notSent++;
                continue;
            }

            var order = orders[i];
            var slot = i;
            Interlocked.Increment(ref inFlight);
            tasks.Add(Task.Run(
                async () =>
                {
                    var status = 0;
                    string? failure = null;
                    try
                    {
                        using var request = order.Webhook.ToRequest(baseAddress);
                        using var response = await http.SendAsync(request, cancellationToken);
                        status = (int)response.StatusCode;
                    }
                    catch (HttpRequestException e)
                    {
                        failure = $"connection ({e.HttpRequestError})";
                    }
                    catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The client's timeout: counted as not acknowledged.
                        failure = string.Create(CultureInfo.InvariantCulture, $"timeout ({http.Timeout.TotalSeconds:0} s)");
                    }
                    finally
                    {
                        var elapsed = clock.Elapsed;
                        acks[slot] = new OrderAck(order, startedAt + elapsed, (elapsed - scheduled).TotalMilliseconds, status, failure);
                        Interlocked.Decrement(ref inFlight);
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(tasks);
        return ([.. acks.OfType<OrderAck>()], notSent);
    }
}
