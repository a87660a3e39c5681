using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Sets a SKU's price on chosen channels only when it passes the guardrail there (<see cref="ListingPriceRules"/>, each
/// channel's fees). Any breach without an override refuses the whole request before anything is pushed. With an
/// override (a reason), the audit entry is written first (who, when, SKU, channels with their floors and breaches,
/// price, reason), then every chosen channel's listings are pushed at once, each through its channel's resilience
/// pipeline; a channel failing never hides the others' answers. Where a channel took the price, the listing's open price
/// alerts are resolved as the person who set it, with the price: a price within the guardrail ends the breach (the next
/// observation need not be waited for), and an overridden one is the owner's decision (the reason is named too).
/// <para>
/// Every set that passes the guardrail first claims the SKU's price version (<see cref="SkuPriceStateStore.ClaimAsync"/>),
/// before the override audit and before any push: with If-Match, only while that version is current, in one conditional
/// Cosmos DB write, so of two sets decided on the same prices the loser records and pushes nothing, on any instance.
/// </para>
/// </summary>
public sealed class PriceSetter(
    CatalogStore catalog,
    ListingPriceRules rules,
    ListingQuantityCalculator accounts,
    ListingPriceClients clients,
    PriceOverrideStore overrides,
    ListingPriceFactStore facts,
    SkuPriceStateStore versions,
    AlertUpdater alertUpdates,
    TimeProvider time,
    ILogger<PriceSetter> logger)
{
    public async Task<PriceSetResult> SetAsync(PriceSetCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var item = await catalog.GetItemAsync(command.BrandId, command.Sku, cancellationToken);
        if (item is null)
        {
            return new PriceSetResult { Status = PriceSetResult.NotFoundStatus };
        }

        var errors = new List<FieldError>();
        if (!string.Equals(command.Currency, item.Currency, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new FieldError("currency", $"{item.Sku} is priced in {item.Currency} in the catalog; received {command.Currency} (no conversion here)."));
        }

        for (var i = 0; i < command.Channels.Count; i++)
        {
            if (!item.Listings.Any(l => l.Channel == command.Channels[i]))
            {
                errors.Add(new FieldError($"channels[{i}]", $"{item.Sku} has no {command.Channels[i]} listing in the catalog."));
            }

            // Refused before anything is pushed: the other listings taking the price while this one cannot would half-write it.
            foreach (var listing in item.Listings.Where(l => l.Channel == command.Channels[i]))
            {
                if (ListingCurrency.Of(listing) is { } taken && !string.Equals(taken, item.Currency, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(new FieldError(
                        $"channels[{i}]",
                        $"{item.Sku}'s {listing.Channel} listing {listing.ChannelSku} is on marketplace {listing.MarketplaceId}, which prices in {taken}; the item and the price are in {item.Currency} (no conversion here)."));
                }
            }
        }

        if (errors.Count > 0)
        {
            return new PriceSetResult { Status = PriceSetResult.InvalidStatus, Errors = errors };
        }

        var now = time.GetUtcNow();
        var checks = new List<PriceSetChannelCheck>();
        foreach (var channel in command.Channels)
        {
            checks.Add(PriceSetChannelCheck.From(channel, await rules.CheckAsync(item, channel, command.Price, now, cancellationToken)));
        }

        var breached = checks.Where(c => c.IsBreach).Select(c => c.Channel).ToList();
        if (breached.Count > 0 && command.OverrideReason is null)
        {
            return new PriceSetResult { Status = PriceSetResult.RefusedStatus, Checks = checks };
        }

        var mark = new SkuPriceSetMark(PriceGuardrail.Round(command.Price), item.Currency, [.. command.Channels.Select(c => c.Slug())], command.By, now);
        var claim = await versions.ClaimAsync(item.BrandId, item.Sku, command.IfMatch, mark, cancellationToken);
        if (!claim.Won)
        {
            var named = command.IfMatch is { } tags ? string.Join(", ", tags) : string.Empty;
            logger.PriceSetStale(item.BrandId, item.Sku, command.By, named, claim.ETag ?? SkuPriceState.NoVersion);
            return new PriceSetResult { Status = PriceSetResult.StaleStatus, Checks = checks, ETag = claim.ETag, Current = claim.Current };
        }

        PriceOverrideDocument? entry = null;
        if (breached.Count > 0)
        {
            entry = new PriceOverrideDocument
            {
                Id = PriceOverrideDocument.IdFor(now, item.Sku),
                Pk = PriceOverrideDocument.PartitionKeyFor(item.BrandId),
                BrandId = item.BrandId,
                Sku = item.Sku,
                Price = PriceGuardrail.Round(command.Price),
                Currency = item.Currency,
                Channels = [.. checks.Select(c => new PriceOverrideChannel(c.Channel.ToString(), c.Floor, c.IsBreach ? string.Join(",", c.Breaches) : "none", c.Contribution))],
                Reason = command.OverrideReason!,
                By = command.By,
                At = now,
            };
            await overrides.RecordAsync(entry, breached, cancellationToken);
            logger.OverrideRecorded(item.BrandId, item.Sku, entry.Price, command.By, string.Join(", ", breached), entry.Reason);
        }

        var pushes = command.Channels
            .SelectMany(channel => item.Listings.Where(l => l.Channel == channel))
            .Select(listing => PushAsync(item, listing, PriceGuardrail.Round(command.Price), breached.Contains(listing.Channel), cancellationToken));
        var outcomes = await Task.WhenAll(pushes);
        var prices = outcomes.Where(o => o.Pushed)
            .Select(o => ListingPriceFact.For(item.BrandId, item.Sku, o.Channel, o.ChannelSku, o.Price, now, $"price-set by {command.By}"))
            .ToList();
        foreach (var fact in prices)
        {
            await RecordPriceFactAsync(item, fact, cancellationToken);
        }

        var etag = await RecordTakenPricesAsync(item, prices, command.By, claim.ETag!, cancellationToken);

        foreach (var channel in command.Channels.Where(c => !breached.Contains(c) && outcomes.Any(o => o.Channel == c && o.Pushed)))
        {
            // A price within the guardrail replaced an overridden one: an observation below the floor alerts again.
            await overrides.ForgetAsync(item.BrandId, item.Sku, channel, cancellationToken);
            var floor = checks.First(c => c.Channel == channel).Floor;
            await ResolvePriceAlertsAsync(item, channel, command.By,
                $"{Money(command.Price)} {item.Currency} set on {channel} by {command.By} at {now:O}, within the guardrail (floor {(floor is { } f ? Money(f) : "none")}).",
                cancellationToken);
        }

        foreach (var channel in breached.Where(c => outcomes.Any(o => o.Channel == c && o.Pushed)))
        {
            await ResolvePriceAlertsAsync(item, channel, entry!.By,
                $"{Money(entry.Price)} {entry.Currency} set on {channel} with an override by {entry.By} at {entry.At:O}: {entry.Reason}", cancellationToken);
        }

        return new PriceSetResult { Status = PriceSetResult.PushedStatus, Checks = checks, Listings = outcomes, Override = entry, ETag = etag };
    }

    /// <summary>
    /// Resolves the listing's open price alerts (below floor, negative contribution) as the person who set the price the
    /// channel took (a price within the guardrail, or one they overrode it for). The price is already out, so a failure
    /// here is logged and the alerts stay open rather than hiding the channels' answers.
    /// </summary>
    private async Task ResolvePriceAlertsAsync(CatalogItem item, SalesChannel channel, string by, string resolution, CancellationToken cancellationToken)
    {
        var subject = AlertSubject.Listing(channel, item.Sku);
        try
        {
            foreach (var kind in new[] { AlertKind.PriceBelowFloor, AlertKind.ContributionNegative })
            {
                await alertUpdates.ResolveAsync(item.BrandId, AlertIds.For(item.BrandId, kind, subject), by, resolution, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.PriceAlertsNotResolved(channel, item.BrandId, item.Sku, by, e.Message);
        }
    }

    /// <summary>
    /// Records the price a channel took as the listing's newest price fact, at the time the set started (before the push:
    /// whatever the channel showed before that is older), so a late webhook of an earlier price is not guarded. Written
    /// before the alerts are resolved; a failure is logged and the answer stands (the price is already out).
    /// </summary>
    private async Task RecordPriceFactAsync(CatalogItem item, ListingPriceFact fact, CancellationToken cancellationToken)
    {
        try
        {
            await facts.AdvanceAsync(fact, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.PriceFactNotRecorded(fact.Channel, fact.ChannelSku, item.BrandId, item.Sku, e.Message);
        }
    }

    /// <summary>
    /// Moves the SKU's price version to the prices the channels took, and returns it (the ETag the answer carries). A
    /// failure is logged and the claim's version answered: the price is already out, and the claim alone already makes
    /// any version read before this set stale.
    /// </summary>
    private async Task<string> RecordTakenPricesAsync(
        CatalogItem item, List<ListingPriceFact> prices, string by, string claimed, CancellationToken cancellationToken)
    {
        if (prices.Count == 0)
        {
            return claimed;
        }

        try
        {
            return await versions.RecordAsync(item.BrandId, item.Sku, prices, item.Currency, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.PriceVersionNotRecorded(item.BrandId, item.Sku, by, e.Message);
            return claimed;
        }
    }

    private static string Money(decimal amount) => PriceGuardrail.Round(amount).ToString("0.00", CultureInfo.InvariantCulture);

    private async Task<PriceSetListingOutcome> PushAsync(CatalogItem item, ChannelListing listing, decimal price, bool overridden, CancellationToken cancellationToken)
    {
        var account = accounts.AccountFor(item.BrandId, listing.Channel);
        if (account is null)
        {
            return new PriceSetListingOutcome(listing.Channel, listing.ChannelSku, price, overridden, "no-account", null, null, $"The brand has no connected {listing.Channel} account.");
        }

        try
        {
            var answer = await clients.For(listing.Channel).SetPriceAsync(new ListingPriceRequest(account, listing, price, item.Currency), cancellationToken);
            logger.PricePushed(listing.Channel, listing.ChannelSku, item.BrandId, price, answer.RequestId);
            return new PriceSetListingOutcome(listing.Channel, listing.ChannelSku, price, overridden, "pushed", answer.RequestId, answer.Note, null);
        }
        catch (Exception e) when (e is ChannelApiException or ChannelApiCredentialMissingException or JsonException or InvalidOperationException or FormatException)
        {
            // A 2xx body that is not the JSON the call expects (a proxy's page, a changed shape) fails this listing only:
            // thrown on, it would turn the whole answer into a 500 and hide which channels already took the price.
            var error = e is ChannelApiException or ChannelApiCredentialMissingException
                ? e.Message
                : $"{listing.Channel} answered the price of listing {listing.ChannelSku} with a body that could not be read (the price may or may not have been taken): {e.Message}";
            logger.PricePushFailed(listing.Channel, listing.ChannelSku, item.BrandId, price, error);
            return new PriceSetListingOutcome(listing.Channel, listing.ChannelSku, price, overridden, "failed", (e as ChannelApiException)?.RequestId, null, error);
        }
    }
}
