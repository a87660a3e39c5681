using System.Diagnostics;
using System.Net;
using ServerlessOps.Benchmarks.OrderFlow;

namespace ServerlessOps.Benchmarks.Drills.Oversell;

/// <summary>How one order's webhook fared: the app that got it (a load balancer's pick), its tries, the last answer (0: none), when it was acknowledged.</summary>
internal sealed record OversellDelivery(NewOrder Order, int App, int Attempts, int Status, int Refusals, double AckMilliseconds)
{
    public bool Acknowledged => Status is >= 200 and < 300;
}

/// <summary>
/// Sends every order's signed webhook at once with at most <c>concurrency</c> in flight, spread over the apps round
/// robin as a load balancer would. As the channels do, a 503 or 429 is sent again after its Retry-After (1 s when it
/// gives none) and a refused or timed-out connection after a second, same delivery id, up to 40 tries.
/// </summary>
internal sealed class OversellLoad(HttpClient http, IReadOnlyList<Uri> apps, int concurrency)
{
    private const int MaxAttempts = 40;

    public async Task<IReadOnlyList<OversellDelivery>> SendAsync(IReadOnlyList<NewOrder> orders, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(concurrency);
        return await Task.WhenAll(orders.Select(async (order, i) =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await DeliverAsync(order, i % apps.Count, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task<OversellDelivery> DeliverAsync(NewOrder order, int app, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var status = 0;
        var refusals = 0;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = TimeSpan.FromSeconds(1);
            try
            {
                using var request = order.Webhook.ToRequest(apps[app]);
                using var response = await http.SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
                retryAfter = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests
                    ? response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)
                    : null;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                status = 0;
            }

            if (retryAfter is null || attempt == MaxAttempts)
            {
                return new OversellDelivery(order, app, attempt, status, refusals, clock.Elapsed.TotalMilliseconds);
            }

            refusals++;
            await Task.Delay(retryAfter.Value, cancellationToken);
        }
    }
}
