using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>Erasure: orders, the raw deliveries that carried them, and free text that quoted an erased value.</summary>
public sealed partial class PrivacyRequestProcessor
{
    /// <summary>
    /// <c>customers/redact</c>: the orders named (point reads through their locators) and every raw delivery they point
    /// to; then the brand's quarantined deliveries of the requesting account that concern the buyer (no order points to
    /// those). Another shop of the brand is another store with its own customers, asked separately: like its orders,
    /// its deliveries are left alone, even when they carry the same email.
    /// </summary>
    private async Task RedactBuyerAsync(PrivacyRequest request, PrivacyRequestNotice notice, PrivacyWork work, CancellationToken cancellationToken)
    {
        foreach (var externalId in request.ExternalOrderIds)
        {
            await RedactOrderAsync(request, OrderId.For(request.Channel, externalId), notice, work, countMissing: true, cancellationToken);
        }

        foreach (var entry in await _quarantine.ListAsync(request.BrandId, state: null, cancellationToken))
        {
            if (entry.Channel == request.Channel)
            {
                await RedactBlobAsync(entry.RawBlobName, root => BuyerMatch.Concerns(root, notice), request.AccountId, notice, work, cancellationToken);
            }
        }
    }

    /// <summary>
    /// <c>shop/redact</c>: every order of the account, whatever its month (the locator partitions), and every raw
    /// delivery of the account, whatever its topic or state (a prefix listing of the brand's channel blobs).
    /// </summary>
    private async Task RedactShopAsync(PrivacyRequest request, PrivacyRequestNotice notice, PrivacyWork work, CancellationToken cancellationToken)
    {
        await foreach (var orderId in _scan.OrderIdsAsync(request.BrandId, request.Channel, cancellationToken))
        {
            await RedactOrderAsync(request, orderId, notice, work, countMissing: false, cancellationToken);
        }

        await foreach (var blobName in _raw.ListAccountBlobsAsync(request.BrandId, request.Channel, request.AccountId, cancellationToken))
        {
            await RedactBlobAsync(blobName, concerns: null, ofAccount: null, notice, work, cancellationToken);
        }
    }

    private async Task RedactOrderAsync(
        PrivacyRequest request, string orderId, PrivacyRequestNotice notice, PrivacyWork work, bool countMissing, CancellationToken cancellationToken)
    {
        var current = await _orders.GetAsync(request.BrandId, orderId, cancellationToken);
        if (current is null || !IsOfAccount(current.Value.Order, request))
        {
            work.OrdersNotFound += countMissing ? 1 : 0;
            return;
        }

        work.OrdersFound++;
        for (var attempt = 1; current is not null; attempt++)
        {
            var (redacted, erased) = OrderRedactor.Redact(current.Value.Order);
            try
            {
                if (erased > 0)
                {
                    await _orders.ReplaceAsync(current.Value with { Order = redacted, WrittenAt = _time.GetUtcNow() }, current.ETag, cancellationToken);
                    work.FieldsErased += erased;
                }

                work.OrdersRedacted++;
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // A delivery converged the order meanwhile: redact what it wrote.
                current = await _orders.GetAsync(request.BrandId, orderId, cancellationToken);
            }
        }

        foreach (var reference in current?.Value.Deliveries ?? [])
        {
            await RedactBlobAsync(reference.RawBlobName, concerns: null, ofAccount: null, notice, work, cancellationToken);
        }
    }

    /// <summary>
    /// Redacts one raw delivery once per run, its channel-event record and quarantine entry scrubbed first: the erased
    /// values are known only from the unredacted body, so a run that dies after the overwrite could not scrub them again.
    /// </summary>
    private async Task RedactBlobAsync(
        string blobName, Func<JsonNode, bool>? concerns, string? ofAccount, PrivacyRequestNotice notice, PrivacyWork work, CancellationToken cancellationToken)
    {
        // A reference without a blob (the backstop's read of the channel's API, an imported history line) kept no body.
        if (string.IsNullOrEmpty(blobName) || !work.BlobsHandled.Add(blobName))
        {
            return;
        }

        var redaction = await _raw.RedactAsync(
            blobName, concerns, ofAccount, notice.KnownPersonalValues, (found, ct) => ScrubCopiesAsync(found, notice, work, ct), cancellationToken);
        if (redaction is null)
        {
            return;
        }

        work.RawDeliveriesRedacted++;
        work.FieldsErased += redaction.Redaction.FieldsErased;
        work.ErasedValues.UnionWith(redaction.Redaction.ErasedValues);
    }

    private async Task ScrubCopiesAsync(RawRedaction redaction, PrivacyRequestNotice notice, PrivacyWork work, CancellationToken cancellationToken)
    {
        var erased = redaction.Redaction.ErasedValues.Concat(notice.KnownPersonalValues).ToList();
        if (erased.Count == 0)
        {
            return;
        }

        await ScrubChannelEventAsync(redaction, erased, work, cancellationToken);
        await ScrubQuarantineAsync(redaction, erased, work, cancellationToken);
    }

    private async Task ScrubChannelEventAsync(RawRedaction redaction, IReadOnlyList<string> erased, PrivacyWork work, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(redaction.ReceivedAt.UtcDateTime);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var entry = await _events.GetAsync(redaction.BrandId, day, redaction.DeliveryKey, cancellationToken);
            var detail = entry?.Value.Detail;
            if (entry is null || detail is null || PersonalDataRedactor.Scrub(detail, erased) is var scrubbed && scrubbed == detail)
            {
                return;
            }

            try
            {
                await _events.ReplaceAsync(entry.Value with { Detail = scrubbed }, entry.ETag, cancellationToken);
                work.ChannelEventsScrubbed++;
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // The recorder updated the entry meanwhile: read again.
            }
        }
    }

    private async Task ScrubQuarantineAsync(RawRedaction redaction, IReadOnlyList<string> erased, PrivacyWork work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var entry = await _quarantine.GetAsync(redaction.BrandId, redaction.DeliveryKey, cancellationToken);
            if (entry is null || PersonalDataRedactor.Scrub(entry.Value.Reason, erased) is var reason && reason == entry.Value.Reason)
            {
                return;
            }

            try
            {
                await _quarantine.ReplaceAsync(entry.Value with { Reason = reason }, entry.ETag, cancellationToken);
                work.QuarantineEntriesScrubbed++;
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // A replay changed the entry meanwhile: read again.
            }
        }
    }

    private static bool IsOfAccount(Order order, PrivacyRequest request) =>
        order.Channel == request.Channel && string.Equals(order.ChannelAccountId, request.AccountId, StringComparison.OrdinalIgnoreCase);
}
