using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>
/// Acts on a channel's privacy request delivered as a webhook: records it (<see cref="PrivacyRequest"/>, due by the
/// channel's deadline), erases the buyer's or the shop's personal data from stored orders, their raw deliveries, other
/// raw deliveries that concern the buyer (quarantined ones) and free text quoting it, or exports the buyer's data for
/// the merchant, then erases the personal data in the request's own delivery and marks the request completed.
/// Runs at least once (the queue redelivers; a replay runs it again): every step is idempotent, the request record is
/// created once and completed once under its ETag, and a request already completed only has its delivery redacted.
/// </summary>
public sealed partial class PrivacyRequestProcessor
{
    private const int MaxAttempts = 10;

    private readonly IPrivacyRequestStore _requests;
    private readonly IOrderStore _orders;
    private readonly IQuarantineStore _quarantine;
    private readonly IChannelEventLog _events;
    private readonly RawDeliveryRedactor _raw;
    private readonly ShopOrderScan _scan;
    private readonly PrivacyExportStore _exports;
    private readonly IAlertRaiser _alerts;
    private readonly TimeProvider _time;
    private readonly ILogger<PrivacyRequestProcessor> _logger;

    public PrivacyRequestProcessor(
        IPrivacyRequestStore requests,
        IOrderStore orders,
        IQuarantineStore quarantine,
        IChannelEventLog events,
        RawDeliveryRedactor raw,
        ShopOrderScan scan,
        PrivacyExportStore exports,
        IAlertRaiser alerts,
        TimeProvider time,
        ILogger<PrivacyRequestProcessor> logger)
    {
        _requests = requests;
        _orders = orders;
        _quarantine = quarantine;
        _events = events;
        _raw = raw;
        _scan = scan;
        _exports = exports;
        _alerts = alerts;
        _time = time;
        _logger = logger;
    }

    public async Task<ProcessingResult> ActAsync(RawDelivery delivery, PrivacyRequestNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(notice);
        var recorded = await RecordAsync(delivery, notice, cancellationToken);
        var request = recorded.Value;
        if (request.State == PrivacyRequestState.Completed)
        {
            await RedactBlobAsync(delivery.BlobName, concerns: null, ofAccount: null, notice, new PrivacyWork(), cancellationToken);
            await RaiseExportReadyAsync(request, cancellationToken);
            _logger.RequestRepeated(request.Id, request.BrandId, delivery.DeliveryKey, request.CompletedAt!.Value);
            return new ProcessingResult(DeliveryOutcome.Applied, $"Privacy request {request.Id} was already completed at {request.CompletedAt:O}.");
        }

        var work = new PrivacyWork();
        string? export = null;
        switch (notice.Kind)
        {
            case PrivacyRequestKind.CustomerRedact:
                await RedactBuyerAsync(request, notice, work, cancellationToken);
                break;
            case PrivacyRequestKind.ShopRedact:
                await RedactShopAsync(request, notice, work, cancellationToken);
                break;
            case PrivacyRequestKind.CustomerDataRequest:
                export = await ExportAsync(request, work, cancellationToken);
                break;
        }

        // Last, so a retry after a crash still finds the buyer's email and phone to scrub with.
        await RedactBlobAsync(delivery.BlobName, concerns: null, ofAccount: null, notice, work, cancellationToken);
        var completed = await CompleteAsync(recorded, work, export, cancellationToken);
        await RaiseExportReadyAsync(completed, cancellationToken);
        var counts = completed.Counts;
        _logger.RequestCompleted(completed.Id, completed.Kind, completed.BrandId, counts.OrdersRedacted, counts.OrdersExported, counts.RawDeliveriesRedacted, counts.FieldsErased, counts.OrdersNotFound);
        if (completed.CompletedLate)
        {
            _logger.RequestLate(completed.Id, completed.BrandId, completed.DueBy);
        }

        return new ProcessingResult(DeliveryOutcome.Applied, Summary(completed));
    }

    /// <summary>Creates the request record, or adds this delivery to the one a previous delivery of the request created.</summary>
    private async Task<Versioned<PrivacyRequest>> RecordAsync(RawDelivery delivery, PrivacyRequestNotice notice, CancellationToken cancellationToken)
    {
        var id = PrivacyRequestIds.For(delivery.Channel, notice);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _requests.GetAsync(delivery.BrandId, id, cancellationToken);
            try
            {
                if (existing is null)
                {
                    var created = await _requests.CreateAsync(
                        new PrivacyRequest
                        {
                            Id = id,
                            BrandId = delivery.BrandId,
                            Channel = delivery.Channel,
                            AccountId = notice.AccountId,
                            Kind = notice.Kind,
                            CustomerId = notice.CustomerId,
                            ExternalOrderIds = notice.ExternalOrderIds,
                            ChannelRequestId = notice.ChannelRequestId,
                            DeliveryKeys = [delivery.DeliveryKey],
                            ReceivedAt = delivery.ReceivedAt,
                            DueBy = PrivacyDeadlines.DueBy(delivery.ReceivedAt),
                        },
                        cancellationToken);
                    _logger.RequestReceived(id, notice.Kind, delivery.BrandId, delivery.DeliveryKey, created.Value.DueBy);
                    return created;
                }

                if (existing.Value.DeliveryKeys.Contains(delivery.DeliveryKey, StringComparer.Ordinal))
                {
                    return existing;
                }

                // Another delivery of the same request: the earliest receipt sets the deadline.
                var request = existing.Value with
                {
                    DeliveryKeys = [.. existing.Value.DeliveryKeys, delivery.DeliveryKey],
                    ReceivedAt = Min(existing.Value.ReceivedAt, delivery.ReceivedAt),
                    DueBy = PrivacyDeadlines.DueBy(Min(existing.Value.ReceivedAt, delivery.ReceivedAt)),
                };
                return await _requests.ReplaceAsync(request, existing.ETag, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another delivery of the request (or this one, redelivered) wrote it meanwhile: read again.
            }
        }
    }

    private async Task<PrivacyRequest> CompleteAsync(Versioned<PrivacyRequest> recorded, PrivacyWork work, string? export, CancellationToken cancellationToken)
    {
        var current = recorded;
        for (var attempt = 1; ; attempt++)
        {
            if (current.Value.State == PrivacyRequestState.Completed)
            {
                return current.Value;
            }

            var completed = current.Value with
            {
                State = PrivacyRequestState.Completed,
                CompletedAt = _time.GetUtcNow(),
                Counts = work.ToCounts(),
                ExportBlobName = export,
            };
            try
            {
                return (await _requests.ReplaceAsync(completed, current.ETag, cancellationToken)).Value;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                current = await _requests.GetAsync(recorded.Value.BrandId, recorded.Value.Id, cancellationToken)
                    ?? throw new InvalidOperationException($"Privacy request {recorded.Value.Id} of brand {recorded.Value.BrandId} disappeared while it was being completed.");
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static string Summary(PrivacyRequest request)
    {
        var counts = request.Counts;
        var what = request.Kind == PrivacyRequestKind.CustomerDataRequest
            ? $"{counts.OrdersExported} order(s) exported"
            : $"{counts.OrdersRedacted} order(s) and {counts.RawDeliveriesRedacted} raw deliveries free of personal data, {counts.FieldsErased} field(s) erased";
        return $"Privacy request {request.Id} ({PrivacyRequestIds.Slug(request.Kind)}) completed: {what}; {counts.OrdersNotFound} named order(s) not held.";
    }
}
