using System.Globalization;
using ServerlessOps.Domain.Channels;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// The Walmart calls a test's own marketplace received, for failure messages: a wait that times out in a test that
/// counts those calls says which call went where, not only what it last saw.
/// </summary>
public static class WalmartCalls
{
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
