using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Infrastructure.Catalog;

namespace ServerlessOps.Infrastructure.Pricing;

/// <summary>
/// Our own price seen on a channel (a webhook's own-listing price, a drift read-back) goes through the pricing guardrail
/// (<see cref="ListingPriceRules"/>). Below the floor raises <see cref="AlertKind.PriceBelowFloor"/> for the channel's
/// pricing owner with the money at stake per day, (floor − price) × the channel's units a day over
/// <see cref="PricingOptions.VelocityWindow"/> (<see cref="ChannelSalesVelocity"/>); a contribution below zero after the
/// channel's fees raises <see cref="AlertKind.ContributionNegative"/> the same way with the loss per unit. Subject: the
/// listing (<c>listing {channel}:{sku}</c>), so the alerts' de-duplication makes an identical observation count, not
/// notify again, and a larger shortfall notify once more. A price back within the guardrail resolves both. A price a
/// person pushed with a recorded override (<see cref="PriceOverrideStore"/>) is not alerted. A webhook's price older than
/// the listing's newest price fact (<see cref="ListingPriceFactStore"/>: a price set since, or a newer webhook) is skipped.
/// </summary>
public sealed class ObservedPriceGuard(
    CatalogStore catalog,
    ListingPriceRules rules,
    PriceOverrideStore overrides,
    ListingPriceFactStore facts,
    SkuPriceStateStore versions,
    IInventoryLedgerStore ledger,
    IAlertRaiser alerts,
    IOptions<PricingOptions> options,
    TimeProvider time,
    ILogger<ObservedPriceGuard> logger)
{
    /// <summary>ISO 4217 "no currency": what a channel that does not name the currency reports (Shopify's product webhook).</summary>
    private const string NoCurrency = "XXX";

    /// <summary>
    /// The ingestion hook, after the observation is recorded: our own price is recorded as its listing's price fact and in
    /// the SKU's price version (<see cref="RecordAsync"/>), then goes through the guardrail; the Buy Box and competitors'
    /// offers are not ours and are skipped.
    /// <para>
    /// A failure to record (the catalog, the fact, the version) is thrown, whatever it is, so the delivery fails and the
    /// queue retries it (quarantined after its retries, replayable): swallowed, it would leave the fact written and the
    /// version behind, and a client holding the old ETag could set a price over one it never saw, the very thing
    /// <c>If-Match</c> exists to stop. Doing it again is harmless: the fact only moves forward, and the version moves only
    /// when a listing's price does (<see cref="SkuPriceState.With"/>), so a retry or replay moves it once.
    /// </para>
    /// A failure of the guardrail itself (rules, overrides, alerts) other than an outage is logged and swallowed: the price
    /// is recorded by then, and the next read-back checks the listing again, so a guard problem never quarantines a delivery.
    /// </summary>
    public async Task<ObservedPriceOutcome?> GuardAsync(PriceChange change, CancellationToken cancellationToken = default)
    {
        if (ObservedPrice.FromChange(change) is not { } observed)
        {
            return null;
        }

        var recorded = await RecordAsync(observed, cancellationToken);
        if (recorded.Skipped is { } skipped)
        {
            return skipped;
        }

        try
        {
            return await CheckAsync(recorded.Item!, recorded.Listing!, observed.Price, observed.Currency, observed.Source, observed.ObservedAt, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not StoreUnavailableException)
        {
            logger.GuardFailed(change.BrandId, change.Channel, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Records the price (<see cref="RecordAsync"/>), then guards it unless it was skipped. Nothing is swallowed here.
    /// </summary>
    public async Task<ObservedPriceOutcome> CheckAsync(ObservedPrice observed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var recorded = await RecordAsync(observed, cancellationToken);
        return recorded.Skipped
            ?? await CheckAsync(recorded.Item!, recorded.Listing!, observed.Price, observed.Currency, observed.Source, observed.ObservedAt, cancellationToken);
    }

    /// <summary>
    /// Resolves the catalog SKU (the channel's SKU through the catalog's listing lookup, else as a catalog SKU listed on the
    /// channel), then records the price as the listing's fact and in the SKU's version, unless the listing has a newer price
    /// fact: webhooks arrive late and out of order (Shopify retries for 4 h, EventBridge for 24 h), so a price the channel
    /// showed before a later set or a later webhook would otherwise reopen an alert while the channel shows the newer price.
    /// The time compared is the channel's, from the payload. Returns the outcome when skipped, else the item and listing.
    /// </summary>
    private async Task<(ObservedPriceOutcome? Skipped, CatalogItem? Item, ChannelListing? Listing)> RecordAsync(ObservedPrice observed, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(observed.Sku))
        {
            return (Skip(observed, null, $"the channel named only its item id {observed.ChannelItemId}, which the catalog does not map"), null, null);
        }

        var channelSku = observed.Sku.Trim();
        var lookup = await catalog.GetListingAsync(observed.BrandId, observed.Channel, channelSku, cancellationToken);
        var item = await catalog.GetItemAsync(observed.BrandId, lookup?.Document.Sku ?? channelSku, cancellationToken);
        var listing = item?.Listings.FirstOrDefault(l => l.Channel == observed.Channel && string.Equals(l.ChannelSku, channelSku, StringComparison.Ordinal))
            ?? item?.Listings.FirstOrDefault(l => l.Channel == observed.Channel);
        if (item is null || listing is null)
        {
            return (Skip(observed, item?.Sku, $"SKU {channelSku} is not a catalog listing on {observed.Channel}"), null, null);
        }

        var fact = ListingPriceFact.For(item.BrandId, item.Sku, listing.Channel, listing.ChannelSku, observed.Price, observed.ObservedAt, observed.Source);
        if (await facts.AdvanceAsync(fact, cancellationToken) is { } newer)
        {
            return (Skip(item, listing,
                $"{Money(observed.Price)} was shown at {observed.ObservedAt:O}, before the newer {Money(newer.Price)} ({newer.Source}) at {newer.At:O}"), null, null);
        }

        // The SKU's price version moves with what its channels show (the GET shows it): a set decided on the price before
        // this one, sending that version in If-Match, is refused rather than overwriting a change made on the channel. A
        // write that meets a set's claim is read and made again (bounded); one still losing after that is thrown with the
        // rest, and the delivery's retry records it.
        var currency = observed.Currency is { } named && !string.Equals(named, NoCurrency, StringComparison.OrdinalIgnoreCase) ? named : item.Currency;
        await versions.RecordAsync(item.BrandId, item.Sku, [fact], currency, cancellationToken);
        return (null, item, listing);
    }

    /// <summary>Guards a price of a listing already resolved (the drift read-back holds the item and listing).</summary>
    public async Task<ObservedPriceOutcome> CheckAsync(
        CatalogItem item, ChannelListing listing, decimal price, string? currency, string source, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(listing);
        if (currency is { } shown && !string.Equals(shown, NoCurrency, StringComparison.OrdinalIgnoreCase) && !string.Equals(shown, item.Currency, StringComparison.OrdinalIgnoreCase))
        {
            return Skip(item, listing, $"the price is in {shown}, the catalog's in {item.Currency}: no conversion here");
        }

        var check = await rules.CheckAsync(item, listing.Channel, price, at, cancellationToken);
        var verdict = check.Verdict;
        if (verdict.Floor is null && verdict.Contribution is null)
        {
            return Skip(item, listing, "neither MAP nor a unit cost is known: no floor to check against");
        }

        var subject = AlertSubject.Listing(listing.Channel, item.Sku);
        if (!verdict.IsBreach)
        {
            var fixedNote = $"{listing.Channel} now shows {Money(price)} {item.Currency}, within the guardrail (floor {Money(verdict.Floor)}).{LeftOutNote(verdict)}";
            await alerts.ClearAsync(item.BrandId, AlertKind.PriceBelowFloor, subject, fixedNote, cancellationToken);
            await alerts.ClearAsync(item.BrandId, AlertKind.ContributionNegative, subject, fixedNote, cancellationToken);
            return new ObservedPriceOutcome("within", item.Sku, check, null, null, fixedNote);
        }

        if (await overrides.GetCurrentAsync(item.BrandId, item.Sku, listing.Channel, cancellationToken) is { } current && current.Price == price)
        {
            return new ObservedPriceOutcome("overridden", item.Sku, check, null, null,
                $"{Money(price)} was pushed by {current.By} at {current.At:O} with an override: {current.Reason}");
        }

        var (units, velocityNote) = await UnitsSoldAsync(item, listing, cancellationToken);
        var window = options.Value.VelocityWindow;
        decimal? unitsPerDay = units is { } sold ? ChannelSalesVelocity.PerDay(1m, sold, window) : null;
        decimal? belowFloorPerDay = verdict.BelowFloor && units is { } u1 ? PriceGuardrail.Round(ChannelSalesVelocity.PerDay(verdict.Floor!.Value - verdict.UnitNet, u1, window)) : null;
        decimal? lossPerDay = verdict.ContributionNegative && units is { } u2 ? PriceGuardrail.Round(ChannelSalesVelocity.PerDay(-verdict.Contribution!.Value, u2, window)) : null;
        var evidence = Evidence(item, listing, check, unitsPerDay, source);
        if (verdict.BelowFloor)
        {
            logger.ObservedBelowFloor(listing.Channel, item.BrandId, item.Sku, price, verdict.Floor!.Value, belowFloorPerDay, source);
            var money = belowFloorPerDay is { } perDay
                ? $"At recent velocity ({velocityNote}) that is {perDay.ToString("#,0.00", CultureInfo.InvariantCulture)} {item.Currency} a day below the floor."
                : $"Money at stake per day is unknown: {velocityNote}.";
            await alerts.RaiseAsync(new AlertRaise(
                item.BrandId, AlertKind.PriceBelowFloor, subject,
                $"{listing.Channel} listing {listing.ChannelSku} of {item.Sku} shows {Money(price)} {item.Currency} ({source}), below the floor {Money(verdict.Floor)} " +
                $"(max(MAP {Money(check.MinimumAdvertisedPrice)}, cost {Money(check.UnitCost)} / (1 − {check.MarginFloorPercent.ToString(CultureInfo.InvariantCulture)}%))). {money} Set the price back on {listing.Channel}.{LeftOutNote(verdict)}")
            {
                Channel = listing.Channel,
                MoneyAtStake = belowFloorPerDay is { } amount ? new MoneyAtStake(amount, item.Currency.ToUpperInvariant()) : null,
                Evidence = evidence,
            }, cancellationToken);
        }
        else
        {
            await alerts.ClearAsync(item.BrandId, AlertKind.PriceBelowFloor, subject, $"{listing.Channel} now shows {Money(price)} {item.Currency}, at or above the floor.", cancellationToken);
        }

        if (verdict.ContributionNegative)
        {
            var money = lossPerDay is { } perDay
                ? $"At recent velocity ({velocityNote}) that loses {perDay.ToString("#,0.00", CultureInfo.InvariantCulture)} {item.Currency} a day."
                : $"The loss per day is unknown: {velocityNote}.";
            await alerts.RaiseAsync(new AlertRaise(
                item.BrandId, AlertKind.ContributionNegative, subject,
                $"{listing.Channel} listing {listing.ChannelSku} of {item.Sku} shows {Money(price)} {item.Currency} ({source}): after {listing.Channel}'s scheduled fees " +
                $"({Money(verdict.Fees)}) and the unit cost ({Money(check.UnitCost)}) each unit loses {Money(-verdict.Contribution)}. {money}{LeftOutNote(verdict)}")
            {
                Channel = listing.Channel,
                MoneyAtStake = lossPerDay is { } amount ? new MoneyAtStake(amount, item.Currency.ToUpperInvariant()) : null,
                Evidence = evidence,
            }, cancellationToken);
        }
        else
        {
            await alerts.ClearAsync(item.BrandId, AlertKind.ContributionNegative, subject, $"{listing.Channel} now shows {Money(price)} {item.Currency}: contribution not negative.", cancellationToken);
        }

        return new ObservedPriceOutcome(verdict.BelowFloor ? "below-floor" : "contribution-negative", item.Sku, check, unitsPerDay, belowFloorPerDay ?? lossPerDay, velocityNote + LeftOutNote(verdict));
    }

    /// <summary>
    /// Units the channel's orders reserved over the window ending now (not at the observation's time: a channel stamps it
    /// in whole seconds, and a delivery may arrive late), or null with the reason it is unknown. A count, not a rate: the
    /// money per day divides by the window last (<see cref="ChannelSalesVelocity.PerDay"/>).
    /// </summary>
    private async Task<(long? Units, string Note)> UnitsSoldAsync(CatalogItem item, ChannelListing listing, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var at = time.GetUtcNow();
        try
        {
            var entries = await ledger.ListEntriesAppliedAfterAsync(item.BrandId, item.Sku, at - settings.VelocityWindow, settings.VelocityEntries, cancellationToken);
            var units = ChannelSalesVelocity.Units(entries, listing.Channel, at, settings.VelocityWindow);
            var perDay = ChannelSalesVelocity.PerDay(1m, units, settings.VelocityWindow);
            var days = settings.VelocityWindow.TotalDays.ToString("0.##", CultureInfo.InvariantCulture);
            return (units, $"{perDay.ToString("0.##", CultureInfo.InvariantCulture)} units a day, reserved by {listing.Channel} orders over the last {days} days");
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException)
        {
            return (null, $"the ledger could not be read for velocity ({e.GetType().Name})");
        }
    }

    /// <summary>Fixed fees the guardrail could not convert (another currency), said where the figures are read; empty when none.</summary>
    private static string LeftOutNote(PriceVerdict verdict) =>
        verdict.FeesLeftOut.Count == 0 ? string.Empty : $" The fees leave out: {PriceGuardrail.DescribeLeftOut(verdict.FeesLeftOut)}.";

    private static Dictionary<string, string> Evidence(CatalogItem item, ChannelListing listing, ListingPriceCheck check, decimal? unitsPerDay, string source)
    {
        var evidence = new Dictionary<string, string>
        {
            ["channelSku"] = listing.ChannelSku,
            ["price"] = Money(check.Verdict.UnitNet),
            ["floor"] = Money(check.Verdict.Floor),
            ["map"] = Money(check.MinimumAdvertisedPrice),
            ["unitCost"] = Money(check.UnitCost),
            ["marginFloorPercent"] = check.MarginFloorPercent.ToString(CultureInfo.InvariantCulture),
            ["fees"] = Money(check.Verdict.Fees),
            ["contribution"] = Money(check.Verdict.Contribution),
            ["unitsPerDay"] = unitsPerDay?.ToString("0.##", CultureInfo.InvariantCulture) ?? "unknown",
            ["currency"] = item.Currency,
            ["source"] = source,
        };
        if (check.Verdict.FeesLeftOut.Count > 0)
        {
            evidence["feesLeftOut"] = PriceGuardrail.DescribeLeftOut(check.Verdict.FeesLeftOut);
        }

        return evidence;
    }

    private ObservedPriceOutcome Skip(ObservedPrice observed, string? sku, string reason)
    {
        logger.ObservationSkipped(observed.Channel, observed.BrandId, observed.Sku, observed.ChannelItemId, reason);
        return ObservedPriceOutcome.Skipped(sku, reason);
    }

    private ObservedPriceOutcome Skip(CatalogItem item, ChannelListing listing, string reason)
    {
        logger.ObservationSkipped(listing.Channel, item.BrandId, item.Sku, listing.ChannelSku, reason);
        return ObservedPriceOutcome.Skipped(item.Sku, reason);
    }

    private static string Money(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture) ?? "none";
}
