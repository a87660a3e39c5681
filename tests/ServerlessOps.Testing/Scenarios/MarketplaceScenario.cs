using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Webhooks;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>
/// A deterministic (seeded), realistic webhook stream for one brand on all four channels, built by editing the
/// channel samples: orders with their follow-up changes and cancellations, inventory and price events, then
/// re-sent duplicates and out-of-order deliveries. It knows where every order must end up
/// (<see cref="ExpectedOrders"/>), so a test or the demo can check convergence after delivering
/// <see cref="Steps"/> in order. For Amazon, Walmart and TikTok, put each step's <see cref="ScenarioStep.Document"/>
/// into the stub marketplace before sending it (<see cref="SendAsync"/> does), or load the end state at once with
/// <see cref="LoadFinalState"/>.
/// </summary>
public sealed class MarketplaceScenario
{
    private MarketplaceScenario(
        MarketplaceScenarioOptions options,
        IReadOnlyList<ScenarioStep> steps,
        IReadOnlyList<ExpectedOrder> expectedOrders,
        IReadOnlyList<ExpectedInventoryLevel> expectedInventory,
        int priceEvents)
    {
        Options = options;
        Steps = steps;
        ExpectedOrders = expectedOrders;
        ExpectedInventory = expectedInventory;
        PriceEvents = priceEvents;
    }

    public MarketplaceScenarioOptions Options { get; }

    public ScenarioAccounts Accounts => Options.Accounts;

    /// <summary>Every delivery in the order to send it: originals, duplicates and early ones.</summary>
    public IReadOnlyList<ScenarioStep> Steps { get; }

    public IEnumerable<SignedWebhook> Deliveries => Steps.Select(s => s.Webhook);

    /// <summary>Each generated order's end state, whatever the order the deliveries arrive in.</summary>
    public IReadOnlyList<ExpectedOrder> ExpectedOrders { get; }

    /// <summary>The newest level per channel, item and location among the inventory events.</summary>
    public IReadOnlyList<ExpectedInventoryLevel> ExpectedInventory { get; }

    /// <summary>Distinct price events (Amazon ANY_OFFER_CHANGED, Walmart BUY_BOX_CHANGED).</summary>
    public int PriceEvents { get; }

    /// <summary>Distinct delivery ids in the stream.</summary>
    public int DistinctDeliveries => Steps.Count - DuplicateDeliveries;

    public int DuplicateDeliveries => Steps.Count(s => s.Kind == ScenarioDeliveryKind.Duplicate);

    public int OutOfOrderDeliveries => Steps.Count(s => s.Kind == ScenarioDeliveryKind.OutOfOrder);

    /// <summary>What the order APIs answer once everything happened.</summary>
    public IEnumerable<ChannelOrderDocument> FinalDocuments => ExpectedOrders.Where(o => o.FinalDocument is not null).Select(o => o.FinalDocument!);

    public static MarketplaceScenario Build(MarketplaceScenarioOptions? options = null)
    {
        options ??= new MarketplaceScenarioOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OrdersPerChannel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.OrdersPerChannel, 1000);
        ArgumentOutOfRangeException.ThrowIfNegative(options.InventoryEventsPerChannel);
        ArgumentOutOfRangeException.ThrowIfNegative(options.PriceEventsPerChannel);
        if (options.DuplicateRate is < 0 or > 1 || options.OutOfOrderRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "DuplicateRate and OutOfOrderRate are probabilities between 0 and 1.");
        }

        var context = new ScenarioContext(options);
        ShopifyScenarioStream.Generate(context);
        AmazonScenarioStream.Generate(context);
        WalmartScenarioStream.Generate(context);
        TikTokScenarioStream.Generate(context);

        var steps = Deliver(context);
        var expected = context.Orders.Select(o => o.Expected!).ToArray();
        var inventory = context.Inventory.Values.OrderBy(l => l.Channel).ThenBy(l => l.Sku ?? l.ChannelItemId, StringComparer.Ordinal).ToArray();
        return new MarketplaceScenario(options, steps, expected, inventory, context.PriceEvents);
    }

    /// <summary>Puts the step's order document, if any, into the stub (call before sending the step's webhook).</summary>
    public static void Apply(ScenarioStep step, Marketplace marketplace)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(marketplace);
        if (step.Document is { } document)
        {
            marketplace.Put(document);
        }
    }

    /// <summary>Makes the stub accept the scenario's credentials and answer every order in its end state.</summary>
    public void LoadFinalState(Marketplace marketplace)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        Accounts.ExpectCredentials(marketplace);
        foreach (var document in FinalDocuments)
        {
            marketplace.Put(document);
        }
    }

    /// <summary>
    /// Sends every step in order to the app at <paramref name="baseAddress"/>, first putting the step's document
    /// into <paramref name="marketplace"/> when given. Returns each answer's status; it does not judge them.
    /// </summary>
    public async Task<IReadOnlyList<ScenarioDeliveryResult>> SendAsync(
        HttpClient client, Uri baseAddress, Marketplace? marketplace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (marketplace is not null)
        {
            Accounts.ExpectCredentials(marketplace);
        }

        var results = new List<ScenarioDeliveryResult>(Steps.Count);
        foreach (var step in Steps)
        {
            if (marketplace is not null)
            {
                Apply(step, marketplace);
            }

            using var request = step.Webhook.ToRequest(baseAddress);
            using var response = await client.SendAsync(request, cancellationToken);
            results.Add(new ScenarioDeliveryResult(step, (int)response.StatusCode));
        }

        return results;
    }

    /// <summary>Settings for the app under test: the brand's accounts and, when given, the stub as every channel's API.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Configuration(Uri? marketplace = null) => Accounts.ToConfiguration(marketplace);

    /// <summary>
    /// Event-time order, then for some orders the last event moved ahead of the first (an update or cancel before
    /// its create), then duplicates re-sent one to four deliveries later. Each step's document is the newest state
    /// of any of that order's events delivered so far, as a real API would answer at that moment.
    /// </summary>
    private static List<ScenarioStep> Deliver(ScenarioContext context)
    {
        var random = context.Random;
        var stream = context.Events.OrderBy(e => e.At).ThenBy(e => e.Emitted)
            .Select(e => (Event: e, Kind: ScenarioDeliveryKind.Original)).ToList();

        foreach (var track in context.Orders.Where(o => o.Documents.Count >= 2))
        {
            if (!random.Chance(context.Options.OutOfOrderRate))
            {
                continue;
            }

            var first = stream.FindIndex(s => s.Event.Order == track);
            var last = stream.FindLastIndex(s => s.Event.Order == track);
            var moved = stream[last];
            stream.RemoveAt(last);
            stream.Insert(first, (moved.Event, ScenarioDeliveryKind.OutOfOrder));
        }

        var withDuplicates = new List<(ScenarioEvent Event, ScenarioDeliveryKind Kind)>();
        var pending = new List<(int Remaining, ScenarioEvent Event)>();
        foreach (var item in stream)
        {
            withDuplicates.Add(item);
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                pending[i] = (pending[i].Remaining - 1, pending[i].Event);
            }

            withDuplicates.AddRange(pending.Where(p => p.Remaining <= 0).Select(p => (p.Event, ScenarioDeliveryKind.Duplicate)));
            pending.RemoveAll(p => p.Remaining <= 0);
            if (random.Chance(context.Options.DuplicateRate))
            {
                pending.Add((random.Between(1, 4), item.Event));
            }
        }

        withDuplicates.AddRange(pending.Select(p => (p.Event, ScenarioDeliveryKind.Duplicate)));

        var newest = new Dictionary<ScenarioOrderTrack, int>();
        var steps = new List<ScenarioStep>(withDuplicates.Count);
        foreach (var (e, kind) in withDuplicates)
        {
            ChannelOrderDocument? document = null;
            if (e.Order is { } track)
            {
                var index = Math.Max(newest.GetValueOrDefault(track, -1), e.OrderEventIndex);
                newest[track] = index;
                document = track.Documents[index];
            }

            steps.Add(new ScenarioStep(steps.Count, e.Webhook, kind, e.Topic, e.Order?.ExternalOrderId, document));
        }

        return steps;
    }
}
