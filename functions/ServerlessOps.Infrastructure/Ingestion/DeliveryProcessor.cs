using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Pricing;
using ServerlessOps.Infrastructure.Privacy;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>
/// Turns one stored raw delivery into the source of truth: interpret it with its channel's adapter, re-read
/// the order from the channel's API when the delivery is only a signal, converge, and log the outcome.
/// Safe to run more than once for the same delivery (queue redelivery, duplicates, replays): every write
/// is idempotent or ETag-guarded. Payload problems go to quarantine; outages throw so the queue retries.
/// </summary>
public sealed class DeliveryProcessor
{
    private readonly RawDeliveryStore _raw;
    private readonly IBrandDirectorySource _brands;
    private readonly OrderConverger _converger;
    private readonly IInventoryEventStore _inventory;
    private readonly IPriceChangeStore _prices;
    private readonly ObservedPriceGuard _priceGuard;
    private readonly ChannelOrderReaders _readers;
    private readonly DeliveryRecorder _recorder;
    private readonly PrivacyRequestProcessor _privacy;
    private readonly ILogger<DeliveryProcessor> _logger;

    public DeliveryProcessor(
        RawDeliveryStore raw,
        IBrandDirectorySource brands,
        OrderConverger converger,
        IInventoryEventStore inventory,
        IPriceChangeStore prices,
        ObservedPriceGuard priceGuard,
        ChannelOrderReaders readers,
        DeliveryRecorder recorder,
        PrivacyRequestProcessor privacy,
        ILogger<DeliveryProcessor> logger)
    {
        _raw = raw;
        _brands = brands;
        _converger = converger;
        _inventory = inventory;
        _prices = prices;
        _priceGuard = priceGuard;
        _readers = readers;
        _recorder = recorder;
        _privacy = privacy;
        _logger = logger;
    }

    /// <param name="message">Which delivery, and why it is on the queue.</param>
    /// <param name="written">
    /// The delivery as its blob was just written by the caller (spreading a bundle), so it need not be read back; null
    /// to read it.
    /// </param>
    /// <param name="cancellationToken">Shutdown.</param>
    public async Task<ProcessingResult> ProcessAsync(DeliveryMessage message, RawDelivery? written = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var raw = written ?? await _raw.GetAsync(message.BlobName, cancellationToken);
        if (raw is null)
        {
            _logger.RawDeliveryMissing(message.DeliveryKey, message.BlobName);
            return new ProcessingResult(DeliveryOutcome.Duplicate, "The raw delivery blob no longer exists.");
        }

        if (message.Kind != DeliveryMessageKind.Replay && raw.State != RawDeliveryState.Received)
        {
            // Already processed (or quarantined): a repeat changes nothing. Replays are the one way back in.
            await RecordArrivalIfDuplicateAsync(message, raw, cancellationToken);
            _logger.DeliveryAlreadyProcessed(raw.DeliveryKey, raw.Channel, raw.State);
            return new ProcessingResult(DeliveryOutcome.Duplicate);
        }

        var result = await InterpretAndApplyAsync(raw, cancellationToken);
        await _recorder.RecordOutcomeAsync(raw, result, message.Kind == DeliveryMessageKind.Replay, cancellationToken);

        // Counted only once this attempt has done its work, so an attempt that throws before counts on its retry; and once
        // under the copy's arrival, so a run again after counting (the handler threw later, or the message's delete failed)
        // counts nothing.
        await RecordArrivalIfDuplicateAsync(message, raw, cancellationToken);
        _logger.DeliveryProcessed(raw.DeliveryKey, raw.BrandId, raw.Channel, raw.Topic, result.Outcome);
        return result;
    }

    private Task RecordArrivalIfDuplicateAsync(DeliveryMessage message, RawDelivery raw, CancellationToken cancellationToken) =>
        message.Kind == DeliveryMessageKind.Duplicate ? _recorder.RecordRepeatAsync(raw, message.RepeatKey, cancellationToken) : Task.CompletedTask;

    private async Task<ProcessingResult> InterpretAndApplyAsync(RawDelivery raw, CancellationToken cancellationToken)
    {
        if (!_brands.Current.TryResolve(raw.Channel, raw.AccountId, out var registration))
        {
            return Quarantine($"Channel account '{raw.AccountId}' on {raw.Channel} is no longer registered to a brand.");
        }

        var adapter = WebhookChannels.For(raw.Channel);
        var request = new WebhookRequest("POST", raw.PathAndQuery, raw.Headers, raw.Body);
        var envelope = adapter.ReadEnvelope(request);
        if (!envelope.IsSuccess)
        {
            return Quarantine(envelope.Rejection.Detail);
        }

        try
        {
            var content = adapter.Interpret(envelope.Value, raw.Headers, raw.Body, registration.Account, raw.DeliveryKey);
            return await ApplyAsync(raw, adapter, registration.Account, content, cancellationToken);
        }
        catch (ChannelPayloadException e)
        {
            return Quarantine(e.Message);
        }
        catch (ChannelOrderNotFoundException e)
        {
            return Quarantine(e.Message);
        }
        catch (ChannelApiException e) when (e is not ChannelApiUnavailableException)
        {
            return Quarantine(e.Message);
        }
        catch (ChannelApiCredentialMissingException e)
        {
            // A configuration gap, not an outage: retrying cannot help until someone adds the token, then replays.
            return Quarantine(e.Message);
        }
    }

    private async Task<ProcessingResult> ApplyAsync(
        RawDelivery raw,
        IWebhookChannel adapter,
        ChannelAccount account,
        DeliveryContent content,
        CancellationToken cancellationToken)
    {
        switch (content)
        {
            case OrderSnapshot snapshot:
                return await ConvergeAsync(raw, snapshot.Order, cancellationToken);
            case OrderSignal signal:
                var document = await _readers.ReadOrderAsync(account, signal.ExternalOrderId, signal.IncludesReturns, cancellationToken);
                return await ConvergeAsync(raw, adapter.MapApiOrder(document, account), cancellationToken);
            case OrderFactReport facts:
                return await FoldAsync(raw, account, facts, cancellationToken);
            case InventoryReport report:
                foreach (var level in report.Levels)
                {
                    await _inventory.RecordAsync(level, cancellationToken);
                }

                return new ProcessingResult(DeliveryOutcome.Applied, $"{report.Levels.Count} inventory level(s)");
            case PriceReport report:
                foreach (var change in report.Changes)
                {
                    await _prices.RecordAsync(change, cancellationToken);
                    await _priceGuard.GuardAsync(change, cancellationToken);
                }

                return new ProcessingResult(DeliveryOutcome.Applied, $"{report.Changes.Count} price observation(s)");
            case PrivacyRequestNotice privacy:
                return await _privacy.ActAsync(raw, privacy, cancellationToken);
            case ChannelNotice notice:
                var orderId = notice.ExternalOrderId is null ? null : OrderId.For(raw.Channel, notice.ExternalOrderId);
                return new ProcessingResult(DeliveryOutcome.Recorded, notice.Summary, orderId);
            default:
                return Quarantine($"The {raw.Channel} adapter produced {content.GetType().Name}, which the processor does not handle.");
        }
    }

    private async Task<ProcessingResult> ConvergeAsync(RawDelivery raw, Order order, CancellationToken cancellationToken)
    {
        var written = await _converger.ConvergeAsync(order, Reference(raw), cancellationToken);
        return written.Outcome == DeliveryOutcome.Stale
            ? new ProcessingResult(DeliveryOutcome.Stale, $"Stored version is newer than or equal to {order.Version.UpdatedAt:O} and holds every fact it brought.", order.Id)
            : new ProcessingResult(DeliveryOutcome.Applied, $"{written.Order.Status} at version {written.Order.Version.UpdatedAt:O}", order.Id);
    }

    /// <summary>
    /// A partial fact needs its order: when the order is not stored yet (the fact overtook it), the delivery fails and
    /// the queue brings it back after its visibility timeout, by when the order has usually arrived; a replay from
    /// quarantine does the same after the retries.
    /// </summary>
    private async Task<ProcessingResult> FoldAsync(RawDelivery raw, ChannelAccount account, OrderFactReport facts, CancellationToken cancellationToken)
    {
        var orderId = OrderId.For(raw.Channel, facts.ExternalOrderId);
        var written = await _converger.FoldAsync(account.BrandId, raw.Channel, facts, Reference(raw), cancellationToken);
        if (written is null)
        {
            _logger.FactBeforeOrder(raw.DeliveryKey, raw.BrandId, raw.Channel, orderId);
            throw new OrderNotYetStoredException(
                $"Delivery {raw.DeliveryKey} ({raw.Topic}) is a fact of order {orderId} of brand {raw.BrandId}, which is not stored yet; retried when the queue brings it back.");
        }

        var what = $"{facts.Refunds.Count} refund(s), {facts.Shipments.Count} shipment(s)";
        return written.Outcome == DeliveryOutcome.Stale
            ? new ProcessingResult(DeliveryOutcome.Stale, $"The order already holds {what} as recent.", orderId)
            : new ProcessingResult(DeliveryOutcome.Applied, $"{what} folded in: {written.Order.Status}", orderId);
    }

    private static DeliveryReference Reference(RawDelivery raw) =>
        new(raw.DeliveryKey, raw.Channel, raw.DeliveryId, raw.Topic, raw.BlobName, raw.ReceivedAt, DeliveryOutcome.Applied);

    private static ProcessingResult Quarantine(string reason) => new(DeliveryOutcome.Quarantined, reason);
}
