using System.Globalization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.StubMarketplace;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// The Walmart calls a test's own marketplace received. Tests of order reads count <see cref="OrderReads"/>, not every
/// call: an order once stored starts its flow, which acknowledges the purchase order and pushes stock to Walmart on its
/// own schedule. And a wait that times out in such a test says which call went where, not only what it last saw.
/// </summary>
public static class WalmartCalls
{
    /// <summary>The order reads (<c>GET /v3/orders/{purchaseOrderId}</c>) received, oldest first, refused and failed ones included.</summary>
    public static IReadOnlyList<StubRequest> OrderReads(Marketplace marketplace)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        return [.. marketplace.Requests(SalesChannel.Walmart).Where(r => r.Method == "GET" && r.Path.StartsWith("/v3/orders/", StringComparison.Ordinal))];
    }

    public static async Task<T> ExplainTimeoutAsync<T>(Marketplace marketplace, Func<Task<T>> wait)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        ArgumentNullException.ThrowIfNull(wait);
        try
        {
            return await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Walmart calls: {Describe(marketplace)}", e);
        }
    }

    public static string Describe(Marketplace marketplace)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        return string.Join(
            "; ",
            marketplace.Requests(SalesChannel.Walmart).Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{r.ReceivedAt:HH:mm:ss.fff} {r.Method} {r.Path} → {r.StatusCode} ({r.Outcome})")));
    }
}
