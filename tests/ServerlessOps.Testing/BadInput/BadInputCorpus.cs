using System.Globalization;
using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// The bad-input corpus for the whole app, bounded and deterministic for a seed: for each channel, mutated real deliveries
/// signed as the channel signs (so they pass authentication and reach the readers), deliveries with hostile headers, and the
/// fixed hostile cases (oversized, deep nesting, invalid UTF-8, a member written twice, empty, wrong media type, unsigned,
/// header injection, and for Walmart a WM_SEC.TIMESTAMP outside its window); for each import kind and format, mutated files
/// and the same fixed cases. Walmart must sign with <see cref="WalmartAuthMethod.Signature"/> for the replay cases.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>The webhook samples each channel's corpus starts from, with Shopify's topic.</summary>
    public static IReadOnlyList<(SalesChannel Channel, string Sample, string? Topic)> WebhookSamples { get; } =
    [
        (SalesChannel.Shopify, "shopify-orders-create.json", "orders/create"), (SalesChannel.Shopify, "shopify-orders-updated.json", "orders/updated"),
        (SalesChannel.Shopify, "shopify-orders-cancelled.json", "orders/cancelled"), (SalesChannel.Shopify, "shopify-refunds-create.json", "refunds/create"),
        (SalesChannel.Shopify, "shopify-inventory-levels-update.json", "inventory_levels/update"),
        (SalesChannel.Amazon, "amazon-notification-order-change.json", null), (SalesChannel.Amazon, "amazon-pipe-order-change.json", null),
        (SalesChannel.Amazon, "amazon-eventbridge-listings-mfn-quantity.json", null), (SalesChannel.Amazon, "amazon-notification-any-offer-changed.json", null),
        (SalesChannel.Amazon, "amazon-notification-fba-inventory.json", null),
        (SalesChannel.Walmart, "walmart-po-created.json", null), (SalesChannel.Walmart, "walmart-po-line-autocancelled.json", null),
        (SalesChannel.Walmart, "walmart-inventory-oos.json", null),
        (SalesChannel.TikTokShop, "tiktok-order-status-change.json", null), (SalesChannel.TikTokShop, "tiktok-cancellation-status-change.json", null),
        (SalesChannel.TikTokShop, "tiktok-return-status-change.json", null),
    ];

    private static readonly HeaderMutation[] _headerMutations = Enum.GetValues<HeaderMutation>();

    public static IReadOnlyList<BadInputCall> Generate(ScenarioAccounts accounts, BadInputCorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var calls = new List<BadInputCall>();
        foreach (var channel in new[] { SalesChannel.Shopify, SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop })
        {
            var samples = WebhookSamples.Where(s => s.Channel == channel).ToList();
            for (var i = 0; i < options.WebhooksPerChannel; i++)
            {
                var (_, sample, topic) = samples[i % samples.Count];
                var (body, id) = UniqueDelivery(channel, sample, topic, accounts, options.Now, i);
                if (random.Next(100) < 85)
                {
                    var mutant = PayloadMutator.Mutate(body, random.Next());
                    calls.Add(Webhook(accounts.Sign(channel, mutant.Body, id, topic, options.Now), $"{sample}: {mutant}"));
                }
                else
                {
                    var signed = accounts.Sign(channel, body, id, topic, options.Now);
                    var name = signed.Headers.Keys.ElementAt(random.Next(signed.Headers.Count));
                    var mutation = _headerMutations[random.Next(_headerMutations.Length)];
                    var headers = HeaderMutator.Apply(signed.Headers, name, mutation, random, out _);
                    calls.Add(Webhook(signed with { Headers = headers }, $"{sample}: header {name} {mutation}"));
                }
            }

            calls.AddRange(HostileWebhooks(channel, samples[0].Sample, samples[0].Topic, accounts, options));
        }

        foreach (var seed in ImportSeedFiles.All)
        {
            for (var i = 0; i < options.FilesPerSeed; i++)
            {
                var mutant = ImportFileMutator.Mutate(seed, random.Next());
                calls.Add(Import(options, seed.Kind, seed.MediaType, mutant.Body, mutant.Description));
            }
        }

        calls.AddRange(HostileImports(options));
        return calls;
    }

    /// <summary>A sample with its delivery id made unique (the id inside the body for Amazon, Walmart and TikTok Shop), so each call is its own delivery.</summary>
    private static (byte[] Body, string Id) UniqueDelivery(SalesChannel channel, string sample, string? topic, ScenarioAccounts accounts, DateTimeOffset now, int index)
    {
        var bytes = ChannelSamples.Bytes(sample);
        var suffix = index.ToString(CultureInfo.InvariantCulture);
        if (channel == SalesChannel.Shopify)
        {
            return (bytes, $"badinput-{sample}-{suffix}");
        }

        var envelope = WebhookChannels.For(channel).ReadEnvelope(accounts.Sign(channel, bytes, "x", topic, now).ToWebhookRequest());
        var id = envelope.Value?.DeliveryId ?? throw new InvalidOperationException($"Sample {sample} has no delivery id: {envelope.Rejection?.Detail}");
        var unique = channel == SalesChannel.TikTokShop ? id[..^6] + (900_000 + index).ToString(CultureInfo.InvariantCulture) : $"{id}-bad{suffix}";
        return (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace(id, unique, StringComparison.Ordinal)), unique);
    }

    private static IEnumerable<BadInputCall> HostileWebhooks(SalesChannel channel, string sample, string? topic, ScenarioAccounts accounts, BadInputCorpusOptions options)
    {
        var body = ChannelSamples.Bytes(sample);
        var text = Encoding.UTF8.GetString(body);
        var open = text.IndexOf('{', StringComparison.Ordinal) + 1;
        var firstMember = text[open..].TrimStart();
        var firstName = firstMember[..(firstMember.IndexOf(':', StringComparison.Ordinal) + 1)];
        string Id(string what) => $"badinput-{what}-{options.Seed.ToString(CultureInfo.InvariantCulture)}";
        BadInputCall Signed(byte[] bytes, string what, int? expected = null) =>
            Webhook(accounts.Sign(channel, bytes, Id(what), topic, options.Now), what) with { ExpectedStatus = expected };

        var oversized = Encoding.UTF8.GetBytes("{\"padding\": \"" + new string('A', options.MaxWebhookBytes) + "\"}");
        yield return Signed(oversized, $"body of {oversized.Length} bytes, over the {options.MaxWebhookBytes}-byte limit", 413);
        yield return Signed(Encoding.UTF8.GetBytes(text[..open] + "\"deep\": " + new string('[', 10_000) + new string(']', 10_000) + "," + text[open..]), "arrays nested 10,000 deep");
        yield return Signed(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000)), "objects nested 100,000 deep as the whole body");
        yield return Signed([.. body.AsSpan(0, body.Length / 2), 0xFF, 0xFE, .. body.AsSpan(body.Length / 2)], "invalid UTF-8 in the middle of the body");
        yield return Signed(Encoding.UTF8.GetBytes(text[..open] + firstName + " \"duplicate\", " + text[open..]), $"member {firstName.TrimEnd(':')} written twice");
        yield return Signed([], "empty body", 400);
        var plain = accounts.Sign(channel, body, Id("text-plain"), topic, options.Now);
        yield return Webhook(plain with { ContentType = "text/plain" }, "Content-Type text/plain") with { ExpectedStatus = 415 };
        var credential = CredentialHeader(channel, accounts);
        var unsigned = accounts.Sign(channel, body, Id("unsigned"), topic, options.Now);
        yield return Webhook(unsigned with { Headers = unsigned.Headers.Where(h => !h.Key.Equals(credential, StringComparison.OrdinalIgnoreCase)).ToDictionary() }, $"no {credential} header") with { ExpectedStatus = 401 };
        var injected = accounts.Sign(channel, body, Id("crlf"), topic, options.Now);
        yield return Webhook(injected with { Headers = HeaderMutator.Apply(injected.Headers, credential, HeaderMutation.CrLfInjection, new Random(options.Seed), out _) }, $"CR/LF injected into {credential}");
        var nul = accounts.Sign(channel, body, Id("nul"), topic, options.Now);
        yield return Webhook(nul with { Headers = HeaderMutator.Apply(nul.Headers, credential, HeaderMutation.ControlCharacter, new Random(options.Seed), out _) }, $"control character in {credential}");
        if (channel == SalesChannel.Walmart)
        {
            foreach (var (skew, what) in new[] { (TimeSpan.FromMinutes(-10), "10 minutes old"), (TimeSpan.FromMinutes(10), "10 minutes in the future"), (TimeSpan.FromDays(-365), "a year old") })
            {
                var stale = accounts.Sign(channel, body, Id("stale" + skew.TotalMinutes.ToString(CultureInfo.InvariantCulture)), topic, options.Now + skew);
                yield return Webhook(stale, $"WM_SEC.TIMESTAMP {what} (replayed outside the window)") with { ExpectedStatus = 401 };
            }
        }
    }

    private static IEnumerable<BadInputCall> HostileImports(BadInputCorpusOptions options)
    {
        var catalog = ImportSeedFiles.All[0];
        var oversized = Encoding.UTF8.GetBytes(catalog.Text + new string('\n', options.MaxImportBytes));
        yield return Import(options, "catalog", ImportSeedFile.Csv, oversized, $"catalog file of {oversized.Length} bytes, over the limit") with { ExpectedStatus = 413 };
        yield return Import(options, "catalog", "text/plain", Encoding.UTF8.GetBytes(catalog.Text), "Content-Type text/plain") with { ExpectedStatus = 415 };
        yield return Import(options, "invoices", ImportSeedFile.Csv, Encoding.UTF8.GetBytes(catalog.Text), "unknown kind 'invoices'") with { ExpectedStatus = 404 };
        foreach (var seed in ImportSeedFiles.All.DistinctBy(s => s.Kind))
        {
            var bytes = Encoding.UTF8.GetBytes(seed.Text);
            yield return Import(options, seed.Kind, seed.MediaType, [], "empty file");
            yield return Import(options, seed.Kind, seed.MediaType, [.. bytes.AsSpan(0, bytes.Length - 5), 0xC3, 0x28, .. bytes.AsSpan(bytes.Length - 5)], "invalid UTF-8 near the end");
            yield return Import(options, seed.Kind, ImportSeedFile.JsonLines, Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000) + "\n"), "a JSON Lines record nested 5,000 deep");
            yield return Import(options, seed.Kind, ImportSeedFile.JsonLines, Encoding.UTF8.GetBytes("{\"sku\":\"A\",\"sku\":\"B\"}\n"), "a JSON Lines member written twice");
        }
    }

    private static BadInputCall Webhook(SignedWebhook webhook, string description) =>
        new(webhook.Channel.Slug(), description, webhook.Path, webhook.Headers, webhook.ContentType, webhook.Body.ToArray()) { Channel = webhook.Channel };

    private static BadInputCall Import(BadInputCorpusOptions options, string kind, string mediaType, byte[] body, string description) =>
        new($"import:{kind}", description, $"/api/brands/{options.BrandId}/imports/{kind}", new Dictionary<string, string>(), mediaType, body) { ImportKind = kind };

    private static string CredentialHeader(SalesChannel channel, ScenarioAccounts accounts) => channel switch
    {
        SalesChannel.Shopify => "X-Shopify-Hmac-Sha256",
        SalesChannel.Amazon => accounts.AmazonCredentialHeader,
        SalesChannel.Walmart => accounts.WalmartAuthMethod == WalmartAuthMethod.Signature ? "WM_SEC.SIGNATURE" : accounts.WalmartCredentialHeader,
        _ => "Authorization",
    };
}
