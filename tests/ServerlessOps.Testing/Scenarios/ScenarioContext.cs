using System.Text;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>An event as emitted (event-time order), before duplicates and reordering.</summary>
internal sealed record ScenarioEvent(DateTimeOffset At, int Emitted, SignedWebhook Webhook, string Topic, ScenarioOrderTrack? Order, int OrderEventIndex);

/// <summary>One generated order: the API document after each of its events (null for Shopify) and its final state.</summary>
internal sealed class ScenarioOrderTrack(SalesChannel channel, string externalOrderId)
{
    public SalesChannel Channel { get; } = channel;

    public string ExternalOrderId { get; } = externalOrderId;

    public List<ChannelOrderDocument?> Documents { get; } = [];

    public ExpectedOrder? Expected { get; set; }
}

/// <summary>What the channel streams share while generating: the seeded random source, accounts and the emitted events.</summary>
internal sealed class ScenarioContext(MarketplaceScenarioOptions options)
{
    public MarketplaceScenarioOptions Options { get; } = options;

    public ScenarioRandom Random { get; } = new(options.Seed);

    public ScenarioAccounts Accounts => Options.Accounts;

    public List<ScenarioEvent> Events { get; } = [];

    public List<ScenarioOrderTrack> Orders { get; } = [];

    public Dictionary<(SalesChannel, string?, string?, string?), ExpectedInventoryLevel> Inventory { get; } = [];

    public int PriceEvents { get; set; }

    /// <summary>When order <paramref name="index"/> of a channel is placed: about every 11 minutes, channels interleaved.</summary>
    public DateTimeOffset OrderTime(SalesChannel channel, int index) =>
        Options.Start.AddMinutes((index * 11) + ((int)channel * 2) + Random.Between(0, 5)).AddSeconds(Random.Between(0, 59));

    /// <summary>One or two distinct products (at least <paramref name="minimumLines"/>), one to three units each.</summary>
    public IReadOnlyList<ScenarioLine> RandomLines(int minimumLines = 1) =>
        Options.SingleUnitOf is { } only ? [new ScenarioLine(only, 1)] : Random.PickDistinct(ScenarioProduct.Catalog, Random.Between(Math.Max(1, minimumLines), Math.Max(2, minimumLines))).Select(p => new ScenarioLine(p, Random.Between(1, 3))).ToArray();

    public ScenarioOrderTrack NewOrder(SalesChannel channel, string externalOrderId)
    {
        var track = new ScenarioOrderTrack(channel, externalOrderId);
        Orders.Add(track);
        return track;
    }

    /// <summary>Signs and records an order event; <paramref name="document"/> is the API state right after it.</summary>
    public void OrderEvent(ScenarioOrderTrack track, DateTimeOffset at, string topic, JsonNode body, string deliveryId, ChannelOrderDocument? document)
    {
        var webhook = Accounts.Sign(track.Channel, Encode(body), deliveryId, track.Channel == SalesChannel.Shopify ? topic : null, at.AddSeconds(1));
        Events.Add(new ScenarioEvent(at, Events.Count, webhook, topic, track, track.Documents.Count));
        track.Documents.Add(document);
    }

    /// <summary>Signs and records an event that is not about an order (inventory, price).</summary>
    public void OtherEvent(SalesChannel channel, DateTimeOffset at, string topic, JsonNode body, string deliveryId)
    {
        var webhook = Accounts.Sign(channel, Encode(body), deliveryId, channel == SalesChannel.Shopify ? topic : null, at.AddSeconds(1));
        Events.Add(new ScenarioEvent(at, Events.Count, webhook, topic, null, -1));
    }

    public void InventoryLevel(ExpectedInventoryLevel level)
    {
        var key = (level.Channel, level.Sku, level.ChannelItemId, level.LocationId);
        if (!Inventory.TryGetValue(key, out var known) || known.ObservedAt <= level.ObservedAt)
        {
            Inventory[key] = level;
        }
    }

    public static ReadOnlyMemory<byte> Encode(JsonNode body) => Encoding.UTF8.GetBytes(ChannelSamples.Write(body));
}
