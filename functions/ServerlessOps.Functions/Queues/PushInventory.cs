using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Standalone.Queues;

namespace ServerlessOps.Functions.Queues;

/// <summary>
/// Queue trigger on <c>inventory-push</c> (<c>InventoryPush:QueueName</c>): pushes one dirty listing's current
/// available-to-sell to its channel (<see cref="ListingPushWorker"/>). Outcomes that leave the listing dirty (paused,
/// held, failed after the channel's retries) complete the message: the worker queued what comes next. Only a store
/// outage throws, leaving the message to the queue's retries.
/// </summary>
public sealed partial class PushInventory : IQueueFunction
{
    private readonly ListingPushWorker _worker;
    private readonly ILogger<PushInventory> _logger;

    public PushInventory(ListingPushWorker worker, IOptions<InventoryPushOptions> options, ILogger<PushInventory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _worker = worker;
        _logger = logger;
        QueueName = options.Value.QueueName;
    }

    public string Name => nameof(PushInventory);

    public string QueueName { get; }

    [Function(nameof(PushInventory))]
    public Task RunAsync([QueueTrigger("%InventoryPush:QueueName%", Connection = "Storage")] string message, long dequeueCount, CancellationToken cancellationToken) =>
        HandleAsync(message, dequeueCount, cancellationToken);

    public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        InventoryPushMessage parsed;
        try
        {
            parsed = InventoryPushMessage.Parse(message);
        }
        catch (InvalidDataException e)
        {
            UnreadableMessage(e.Message);
            return;
        }

        var outcome = await _worker.PushAsync(parsed, cancellationToken);
        Handled(parsed.BrandId, parsed.Sku, parsed.Channel, parsed.ChannelSku, outcome);
    }

    [LoggerMessage(EventId = 1770, Level = LogLevel.Warning, Message = "Inventory push message dropped: {Reason}")]
    private partial void UnreadableMessage(string reason);

    [LoggerMessage(EventId = 1771, Level = LogLevel.Debug, Message = "Inventory push of {Channel} listing {ChannelSku} ({BrandId}/{Sku}) ended {Outcome}")]
    private partial void Handled(string brandId, string sku, ServerlessOps.Domain.Channels.SalesChannel channel, string channelSku, ListingPushOutcome outcome);
}
