using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Connections;
using ServerlessOps.Infrastructure.Ingestion;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>
/// The missed-webhook backstop (issue 15 item 6). Webhook delivery is not guaranteed (Shopify says so; Amazon recommends
/// polling; Walmart and TikTok retry little), so per channel account it lists the orders changed since its watermark,
/// less <see cref="BackstopOptions.Overlap"/>, up to now less <see cref="BackstopOptions.SettleDelay"/>, and feeds every
/// order the truth does not hold at that version into the webhook path's <see cref="OrderConverger"/>, read the way a
/// signal's order is (Amazon, Walmart, TikTok readers; Shopify's REST order). The converger marks orders placed before
/// go-live as history. It counts per channel and day what no webhook had brought and what a webhook brought late,
/// and raises <see cref="AlertKind.WebhooksStopped"/> when it recovers orders while none of the window's orders came by
/// webhook (counting only changes since the account was connected). Safe to run on several instances at once:
/// converging is idempotent and the watermark ETag-guarded.
/// </summary>
public sealed class MissedWebhookBackstop
{
    /// <summary>The topic of the delivery reference the backstop leaves on an order it converged.</summary>
    public const string Topic = "backstop";

    private readonly IBrandDirectorySource _brands;
    private readonly IBrandRegistry _registry;
    private readonly Dictionary<SalesChannel, IChannelOrderLister> _listers;
    private readonly ShopifyOrderLister _shopify;
    private readonly ChannelOrderReaders _readers;
    private readonly IOrderStore _orders;
    private readonly OrderConverger _converger;
    private readonly BackstopStore _store;
    private readonly IAlertRaiser _alerts;
    private readonly IOptionsMonitor<BackstopOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MissedWebhookBackstop> _logger;

    public MissedWebhookBackstop(
        IBrandDirectorySource brands,
        IBrandRegistry registry,
        IEnumerable<IChannelOrderLister> listers,
        ShopifyOrderLister shopify,
        ChannelOrderReaders readers,
        IOrderStore orders,
        OrderConverger converger,
        BackstopStore store,
        IAlertRaiser alerts,
        IOptionsMonitor<BackstopOptions> options,
        TimeProvider time,
        ILogger<MissedWebhookBackstop> logger)
    {
        _brands = brands;
        _registry = registry;
        _listers = listers.ToDictionary(l => l.Channel);
        _shopify = shopify;
        _readers = readers;
        _orders = orders;
        _converger = converger;
        _store = store;
        _alerts = alerts;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs every connected account (of one brand when <paramref name="brandId"/> is given), one after another.</summary>
    public async Task<BackstopRunReport> RunAsync(string? brandId = null, CancellationToken cancellationToken = default)
    {
        var startedAt = _time.GetUtcNow();
        var accounts = _brands.Current.All
            .Where(r => r.Status != ChannelAccountStatus.Disconnected && (brandId is null || r.Account.BrandId == brandId))
            .Select(r => r.Account)
            .OrderBy(a => a.BrandId, StringComparer.Ordinal).ThenBy(a => a.Channel).ThenBy(a => a.AccountId, StringComparer.Ordinal)
            .ToList();
        var reports = new List<BackstopAccountReport>();
        foreach (var account in accounts)
        {
            reports.Add(await RunAccountAsync(account, cancellationToken));
        }

        return new BackstopRunReport(startedAt, _time.GetUtcNow(), reports);
    }

    private async Task<BackstopAccountReport> RunAccountAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var now = _time.GetUtcNow();
        var watermark = await _store.GetWatermarkAsync(account, cancellationToken);
        var start = watermark?.Position ?? now - options.InitialLookback;
        var from = start - options.Overlap;
        var settled = now - options.SettleDelay;

        // A narrowed window still ends MinWindow past the watermark: one ending inside the overlap moved the watermark back
        // when it completed, and a dense overlap was then read for ever. So close to the watermark a window cannot be
        // narrowed further, and it is read to its end whatever the page limit: slow, but never stuck and nothing skipped.
        var limited = watermark?.WindowLimit is { } limit ? Later(from + limit, start + options.MinWindow) : settled;
        var until = limited < settled ? limited : settled;
        var narrowest = until - start <= options.MinWindow;
        var run = new BackstopAccountRun(account, from, until);
        if (until <= from || !_listers.TryGetValue(account.Channel, out var lister))
        {
            return run.Report(watermarkAdvanced: false, alert: null, error: until <= from ? null : $"No order lister for {account.Channel}.");
        }

        try
        {
            var window = new ChangedOrderWindow(from, until);
            string? pageToken = null;
            do
            {
                if (run.Pages >= options.MaxPagesPerRun && !narrowest)
                {
                    // The watermark stays; the next run reads half this window, so a big backlog is worked through.
                    var narrower = TimeSpan.FromTicks(Math.Max(options.MinWindow.Ticks, (until - from).Ticks / 2));
                    _logger.PageLimitReached(account.Channel, account.AccountId, account.BrandId, run.Pages, from, narrower);
                    await RecordAsync(run, cancellationToken);
                    await _store.TryAdvanceWatermarkAsync(account, start, watermark?.ETag, narrower, cancellationToken);
                    return run.Report(
                        watermarkAdvanced: false, alert: null,
                        error: $"Reached {run.Pages} pages (Backstop:MaxPagesPerRun); the next run reads {narrower} from the same watermark.");
                }

                // The channel's documented rate, kept by us rather than discovered through 429s.
                if (options.PauseBeforeList(account.Channel, run.Pages) is { } pause && pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, _time, cancellationToken);
                }

                var page = await lister.ListChangedAsync(account, window, options.PageSize, pageToken, cancellationToken);
                run.Pages++;
                foreach (var changed in page.Orders)
                {
                    await ConsiderAsync(run, changed, options, cancellationToken);
                }

                // Page by page, so a run that fails later keeps what it counted (the rollup counts a change once).
                await RecordAsync(run, cancellationToken);
                pageToken = page.NextPageToken;
            }
            while (pageToken is not null);
        }
        catch (Exception ex) when (ex is ChannelApiException or ChannelApiCredentialMissingException or ChannelPayloadException)
        {
            // A payload error quotes the value it found, which can be a buyer's (a mistyped field): the log keeps the path only.
            _logger.AccountFailed(account.Channel, account.AccountId, account.BrandId, LogSafeText.WithoutQuotedValues(ex.Message));
            await RecordAsync(run, cancellationToken);
            return run.Report(watermarkAdvanced: false, alert: null, error: ex.Message);
        }

        await RecordAsync(run, cancellationToken);
        // A narrowed window that completed widens again until a run reaches the settled end.
        TimeSpan? nextLimit = until < settled && watermark?.WindowLimit is { } done ? done * 2 : null;
        var advanced = await _store.TryAdvanceWatermarkAsync(account, until, watermark?.ETag, nextLimit, cancellationToken);
        if (!advanced)
        {
            _logger.WatermarkRace(account.Channel, account.AccountId, account.BrandId);
        }

        var alert = await AlertAsync(run, options, cancellationToken);
        _logger.AccountRun(account.Channel, account.AccountId, account.BrandId, run.Listed, run.Pages, from, until, run.Recovered.Count, run.History.Count, run.Late.Count);
        return run.Report(advanced, alert, error: null);
    }

    /// <summary>One listed change: already held (a webhook brought it, perhaps late), or behind: read it and converge it.</summary>
    private async Task ConsiderAsync(BackstopAccountRun run, ChangedOrder changed, BackstopOptions options, CancellationToken cancellationToken)
    {
        var account = run.Account;
        var orderId = OrderId.For(account.Channel, changed.ExternalOrderId);
        var key = $"{orderId}@{changed.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}";
        var day = DateOnly.FromDateTime(changed.UpdatedAt.UtcDateTime);
        run.Listed++;
        var stored = await _orders.GetAsync(account.BrandId, orderId, cancellationToken);
        if (stored is { } held && held.Value.Order.Version.UpdatedAt >= changed.UpdatedAt)
        {
            run.AlreadyConverged++;
            NoteWebhook(run, held.Value, changed, key, day, options);
            if (held.Value.Deliveries.Any(d => d.DeliveryKey == DeliveryKey(key)))
            {
                // An earlier run wrote this very change and may have ended before the order's flow was told (a crash, a
                // host stopping while admission held the start back). This run is that delivery's redelivery: converging
                // it again writes nothing and tells the flow again, as a webhook's redelivery does.
                await _converger.ConvergeAsync(held.Value.Order, Delivery(account, changed, key), cancellationToken);

                // That run may also have ended before writing its counts: count the change again (the rollup keeps it once).
                run.MissedChanges.Add((orderId, changed.UpdatedAt));
                run.Add(day, missed: key);
                if (held.Value.Order.IsHistory)
                {
                    run.Add(day, history: key);
                }
            }

            return;
        }

        Order order;
        try
        {
            order = account.Channel == SalesChannel.Shopify
                ? await _shopify.ReadOrderAsync(account, changed.ExternalOrderId, cancellationToken)
                : WebhookChannels.For(account.Channel).MapApiOrder(
                    await _readers.ReadOrderAsync(account, changed.ExternalOrderId, includeReturns: true, cancellationToken), account);
        }
        catch (Exception ex) when (ex is ChannelOrderNotFoundException or ChannelPayloadException)
        {
            // One unreadable order must not hold the account's watermark back for ever; the log names it for a replay.
            _logger.OrderSkipped(orderId, account.BrandId, LogSafeText.WithoutQuotedValues(ex.Message));
            return;
        }

        var written = await _converger.ConvergeAsync(order, Delivery(account, changed, key), cancellationToken);
        if (written.Outcome == DeliveryOutcome.Stale)
        {
            // A webhook (or another run) converged it between our read of the store and our write.
            run.AlreadyConverged++;
            return;
        }

        _logger.Recovered(orderId, account.BrandId, changed.UpdatedAt);
        run.Recovered.Add(orderId);
        run.MissedChanges.Add((orderId, changed.UpdatedAt));
        run.Add(day, missed: key);
        if (written.Order.IsHistory)
        {
            run.History.Add(orderId);
            run.Add(day, history: key);
        }
    }

    /// <summary>When the account was last connected (OAuth, or Walmart's credentials verified); null when it never was (an account of the settings).</summary>
    private async Task<DateTimeOffset?> ConnectedAtAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        // The registry's audit subject of an account (CosmosBrandRegistry).
        var subject = $"account {account.Channel.Slug()}:{account.AccountId}";
        return (await _registry.ListAuditAsync(account.BrandId, cancellationToken))
            .Where(e => e.Action == ChannelConnector.ConnectedAction && string.Equals(e.Subject, subject, StringComparison.OrdinalIgnoreCase))
            .Select(e => (DateTimeOffset?)e.At)
            .Max();
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The backstop's delivery of one listed change: the same key whichever run converges it.</summary>
    private DeliveryReference Delivery(ChannelAccount account, ChangedOrder changed, string key) => new(
        DeliveryKey(key), account.Channel, $"backstop:{changed.UpdatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}",
        Topic, string.Empty, _time.GetUtcNow(), DeliveryOutcome.Applied);

    private static string DeliveryKey(string key) => $"backstop:{key}";

    /// <summary>The delivery that brought the stored version: a webhook seen in this window, and late if it came long after the change.</summary>
    private static void NoteWebhook(BackstopAccountRun run, StoredOrder held, ChangedOrder changed, string key, DateOnly day, BackstopOptions options)
    {
        var brought = held.Deliveries.FirstOrDefault(d => d.Outcome == DeliveryOutcome.Applied);
        if (brought is null || brought.Topic == Topic)
        {
            return;
        }

        if (brought.ReceivedAt >= run.From)
        {
            run.WebhooksSeen++;
        }

        if (brought.ReceivedAt - changed.UpdatedAt > options.LateAfter)
        {
            run.Late.Add(held.Order.Id);
            run.Add(day, late: key);
        }
    }

    private async Task RecordAsync(BackstopAccountRun run, CancellationToken cancellationToken)
    {
        var slug = run.Account.Channel.Slug();
        foreach (var (day, found) in run.Days)
        {
            await _store.AddAsync(run.Account.BrandId, day, slug, found.Missed, found.Late, found.History, cancellationToken);
        }

        run.Days.Clear();
    }

    /// <summary>
    /// Orders recovered while no order of the window came by webhook: the account's webhooks stopped (a deleted
    /// subscription, a failing endpoint on their side). Raised once per episode (the raiser de-duplicates and notifies
    /// once); cleared when webhooks of the account bring orders again and nothing was missed.
    /// </summary>
    private async Task<AlertRaiseOutcome?> AlertAsync(BackstopAccountRun run, BackstopOptions options, CancellationToken cancellationToken)
    {
        var account = run.Account;
        var subject = AlertSubject.ChannelAccount(account.Channel, account.AccountId);
        var missed = run.MissedChanges;
        if (missed.Count >= options.WebhooksStoppedAfterMissed && run.WebhooksSeen == 0 && await ConnectedAtAsync(account, cancellationToken) is { } connectedAt)
        {
            // Connected within the window (a first run's look back reaches before it): what changed before the account was
            // connected had no webhook to come by, and says nothing about webhooks having stopped.
            missed = [.. missed.Where(m => m.ChangedAt >= connectedAt)];
        }

        if (missed.Count >= options.WebhooksStoppedAfterMissed && run.WebhooksSeen == 0)
        {
            var message =
                $"The backstop recovered {missed.Count} {account.Channel} order change(s) of account {account.AccountId} that no webhook brought, " +
                $"and no webhook of the account brought any order changed between {run.From:u} and {run.Until:u}. Check the account's webhook subscriptions on {account.Channel}.";
            var raised = await _alerts.RaiseAsync(
                new AlertRaise(account.BrandId, AlertKind.WebhooksStopped, subject, message)
                {
                    Channel = account.Channel,
                    Evidence = new Dictionary<string, string>
                    {
                        ["recovered"] = missed.Count.ToString(CultureInfo.InvariantCulture),
                        ["from"] = run.From.ToString("O", CultureInfo.InvariantCulture),
                        ["until"] = run.Until.ToString("O", CultureInfo.InvariantCulture),
                        ["firstOrder"] = missed[0].OrderId,
                    },
                },
                cancellationToken);
            return raised.Outcome;
        }

        if (run.WebhooksSeen > 0 && missed.Count == 0)
        {
            await _alerts.ClearAsync(account.BrandId, AlertKind.WebhooksStopped, subject, "Webhooks of the account bring orders again.", cancellationToken);
        }

        return null;
    }
}
