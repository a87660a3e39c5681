using ServerlessOps.Functions.Tests.Hosting;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// An app for tests of what a Walmart API outage does to processing: every failed order read is an attempt failed (no
/// client retries), retried from the queue every 5 s, and poisoned after <c>maxDequeueCount</c> attempts. The marketplace
/// must be the test's own (<see cref="FunctionAppFixture.StartPrivateMarketplaceAsync"/>): its faults are per channel.
/// </summary>
public static class WalmartOutage
{
    public static TestApp StartApp(FunctionAppFixture fixture, Marketplace marketplace, int maxDequeueCount) =>
        TestApp.Start(
            fixture,
            new Dictionary<string, string>
            {
                ["Ingestion:MaxDequeueCount"] = maxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Queues:VisibilityTimeout"] = "00:00:05",
                ["Channels:Walmart:MaxRetries"] = "0",

                // The tests count Walmart calls: a backstop tick (every quarter hour) listing orders would add one.
                ["Backstop:TimerEnabled"] = "false",
            },
            marketplace: marketplace);
}
