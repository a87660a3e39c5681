using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using ServerlessOps.Functions.Webhooks;
using ServerlessOps.Infrastructure;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// Runs the webhook edge's store path for real before the first webhook: synthetic deliveries go through the edge's own
/// <see cref="EdgeWriteGate"/> into <see cref="DeliveryBundler.StoreAsync"/>, its collector and writer, and the queue send
/// of an inline bundle, as <see cref="WebhookReceiver"/> stores a delivery. The bundler is a second instance, on the edge's
/// own storage clients (so their connections open), bound to a queue made for the warm-up and deleted after it, and to a
/// container that does not exist: no message reaches processing, and a bundle too big to travel inline would fail rather
/// than leave a blob for the recovery sweep. The runtime compiles a method once for every instance, so the real bundler
/// finds its code hot.
/// </summary>
/// <remarks>
/// Why: drill 6 (idle-start bursts at 500/s, p99 &lt; 50 ms) failed about one run in five with a spike in the first 2-3 s,
/// while the gate, the bundler's loops and the queue send were still running for the first time and, after ~30 calls,
/// waiting to be re-compiled optimised on one of the machine's two cores. The calls come in <see cref="Passes"/> passes
/// with a pause between, as in <see cref="WebhookPathWarmUp"/>, for the runtime's two steps of promotion.
/// </remarks>
public sealed class EdgeStoreWarmUp(
    EdgeWriteGate gate,
    [FromKeyedServices(StorageProfile.Edge)] BlobServiceClient blobs,
    [FromKeyedServices(StorageProfile.Edge)] QueueServiceClient queues,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <summary>Rounds per pass: each round's deliveries make one to three bundles, so a pass sends past the runtime's 30 calls.</summary>
    public const int RoundsPerPass = 16;

    /// <summary>Deliveries stored at once per round: enough to fill more than one bundle and to hold several of the gate's turns.</summary>
    public const int AtOnce = 8;

    /// <summary>Passes: one for first calls, one for each step of the runtime's promotion of hot code.</summary>
    public const int Passes = 3;

    /// <summary>Longer than the runtime's 100 ms wait before it starts counting calls.</summary>
    private static readonly TimeSpan BetweenPasses = TimeSpan.FromMilliseconds(150);

    /// <summary>How long deleting the warm-up queue may take, whatever cut the warm-up short.</summary>
    private static readonly TimeSpan CleanUpLimit = TimeSpan.FromSeconds(5);

    /// <summary>What ran: deliveries stored of those tried, and the messages the warm-up queue held before it was deleted.</summary>
    public sealed record Outcome(int Stored, int Tried, int Messages, string Queue);

    /// <summary>Name of the warm-up queue of an app whose delivery queue is <paramref name="queueName"/>: its name, cut short, then "-warm-" and a random part.</summary>
    public static string WarmUpQueueName(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        return $"{queueName[..Math.Min(queueName.Length, 45)].TrimEnd('-')}-warm-{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <param name="synthetic">Raw deliveries as the edge would store them (<see cref="WebhookPathWarmUp"/>'s).</param>
    /// <param name="cancellationToken">The warm-up's limit.</param>
    public async Task<Outcome> RunAsync(IReadOnlyList<RawDelivery> synthetic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        if (synthetic.Count == 0)
        {
            return new Outcome(0, 0, 0, string.Empty);
        }

        var name = WarmUpQueueName(options.Value.QueueName);
        var warmUp = Options.Create(new IngestionOptions { QueueName = name, RawContainer = name, HandOffBacklog = options.Value.HandOffBacklog });
        var untilQueued = options.Value.AcknowledgeAfter == AcknowledgementPoint.Queued;
        var deliveryQueues = new DeliveryQueues(queues, warmUp);
        await deliveryQueues.Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var stored = 0;
        var tried = 0;
        var messages = 0;
        try
        {
            await using (var bundler = new DeliveryBundler(new RawDeliveryBundles(blobs, warmUp), deliveryQueues, warmUp, time, loggers.CreateLogger<DeliveryBundler>()))
            {
                for (var pass = 0; pass < Passes; pass++)
                {
                    for (var round = 0; round < RoundsPerPass; round++)
                    {
                        var results = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(i => StoreAsync(bundler, synthetic[(round + i) % synthetic.Count], untilQueued, cancellationToken)));
                        tried += results.Length;
                        stored += results.Count(ok => ok);
                    }

                    await Task.Delay(BetweenPasses, cancellationToken);
                }
            }

            messages = (await deliveryQueues.Queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        finally
        {
            using var cleanUp = new CancellationTokenSource(CleanUpLimit);
            await deliveryQueues.Queue.DeleteIfExistsAsync(cleanUp.Token);
        }

        return new Outcome(stored, tried, messages, name);
    }

    /// <summary>One delivery as the receiver stores it: a turn of the gate, then the bundler; true once stored.</summary>
    private async Task<bool> StoreAsync(DeliveryBundler bundler, RawDelivery delivery, bool untilQueued, CancellationToken cancellationToken)
    {
        try
        {
            await gate.RunAsync(token => bundler.StoreAsync(delivery, untilQueued, token), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is StoreUnavailableException or Azure.RequestFailedException)
        {
            return false;
        }
    }
}
