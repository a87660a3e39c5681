using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Hosting;
using ServerlessOps.Functions.Local;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Hosting;

/// <summary>
/// The warm-up a new instance runs before /api/health answers 200 (<see cref="Functions.Hosting.EdgeWarmUp"/>), on the
/// app as a real process, where it also calls its own webhook routes over loopback.
/// </summary>
public sealed class EdgeWarmUpTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewInstance_IsHealthyOnlyOnceWarmedUp_AndLeavesNoBlobMessageOrRejectionBehind()
    {
        var settings = new Dictionary<string, string>(fixture.Settings(LocalStackSettings.NewRunId()))
        {
            [StandaloneTriggers.RunTriggersKey] = "false",
            ["Logging:LogLevel:ServerlessOps.Functions.Hosting.EdgeWarmUp"] = "Information",
            ["Logging:LogLevel:ServerlessOps.Functions.Webhooks"] = "Information",

            // The framework's line per loopback call (640 of them) would push the warm-up's own lines out of the
            // process's last 200 lines, which is all the test can read.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };

        // Returns once /api/health answers 200.
        await using var app = await FunctionAppProcess.StartAsync(settings, Token);

        // The warm-up ran to its end before the instance called itself healthy, storage and loopback calls included.
        Assert.Contains("Webhook edge warmed up in", app.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("warm-up failed", app.RecentOutput, StringComparison.Ordinal);

        // Each channel's real path, from locating the account to the bundle, ran on its synthetic deliveries, and every
        // one of them passed every step (a synthetic delivery an adapter refused would leave that path cold).
        var calls = WebhookPathWarmUp.Passes * WebhookPathWarmUp.CallsPerPass;
        foreach (var channel in Enum.GetValues<SalesChannel>())
        {
            Assert.Contains(
                $"Webhook path of {channel} warmed in memory: {calls} of {calls} synthetic deliveries located, authenticated, read and bundled",
                app.RecentOutput,
                StringComparison.Ordinal);
        }

        Assert.DoesNotContain("only partly warmed", app.RecentOutput, StringComparison.Ordinal);

        // The store path ran for real: every synthetic delivery went through the write gate and a bundler to a queue
        // send, on a warm-up queue of its own that is gone now.
        var stored = EdgeStoreWarmUp.Passes * EdgeStoreWarmUp.RoundsPerPass * EdgeStoreWarmUp.AtOnce;
        var storeLine = Regex.Match(
            app.RecentOutput,
            $@"Webhook store path warmed: {stored} of {stored} synthetic deliveries stored through the write gate and a bundler, in (\d+) queue messages on warm-up queue (\S+), deleted");
        Assert.True(storeLine.Success, "no line saying the store path was warmed");
        Assert.InRange(int.Parse(storeLine.Groups[1].Value, CultureInfo.InvariantCulture), EdgeStoreWarmUp.Passes * EdgeStoreWarmUp.RoundsPerPass, stored);
        var queues = new QueueServiceClient(fixture.Azurite.ConnectionString);
        var warmUpPrefix = EdgeStoreWarmUp.WarmUpQueueName(settings["Ingestion:QueueName"])[..^8];
        Assert.StartsWith(warmUpPrefix, storeLine.Groups[2].Value, StringComparison.Ordinal);
        await foreach (var left in queues.GetQueuesAsync(prefix: warmUpPrefix, cancellationToken: Token))
        {
            Assert.Fail($"warm-up queue {left.Name} was left behind");
        }

        // Its throwaway blob is gone and it wrote no bundle; it queued nothing; its synthetic deliveries stayed in memory
        // and its empty-body calls were refused before any account was looked up, so no delivery was stored, accepted,
        // rejected, kept or quarantined.
        var container = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(settings["Ingestion:RawContainer"]);
        var blobs = new List<string>();
        if (await container.ExistsAsync(Token))
        {
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: Token))
            {
                blobs.Add(blob.Name);
            }
        }

        Assert.Empty(blobs);
        var queue = new QueueClient(fixture.Azurite.ConnectionString, settings["Ingestion:QueueName"]);
        Assert.Equal(0, (await queue.GetPropertiesAsync(Token)).Value.ApproximateMessagesCount);
        Assert.DoesNotContain(") stored", app.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected", app.RecentOutput, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("quarantin", app.RecentOutput, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unknown account", app.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("failed authentication", app.RecentOutput, StringComparison.Ordinal);
    }
}
