using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Privacy;

namespace ServerlessOps.Infrastructure.Privacy;

/// <summary>Data requests: the buyer's personal data we hold, as one JSON export for the merchant, and the data owner told.</summary>
public sealed partial class PrivacyRequestProcessor
{
    /// <summary>
    /// For each order named: its canonical destination and the personal parts of every raw delivery it points to
    /// (identical parts once). Orders not held are listed by id. Returns the export's blob name.
    /// </summary>
    private async Task<string> ExportAsync(PrivacyRequest request, PrivacyWork work, CancellationToken cancellationToken)
    {
        var orders = new JsonArray();
        var notHeld = new JsonArray();
        foreach (var externalId in request.ExternalOrderIds)
        {
            var stored = await _orders.GetAsync(request.BrandId, OrderId.For(request.Channel, externalId), cancellationToken);
            if (stored is null || !IsOfAccount(stored.Value.Order, request))
            {
                work.OrdersNotFound++;
                notHeld.Add(externalId);
                continue;
            }

            work.OrdersFound++;
            orders.Add(await ExportOrderAsync(stored.Value, cancellationToken));
            work.OrdersExported++;
        }

        var export = new JsonObject
        {
            ["requestId"] = request.Id,
            ["brandId"] = request.BrandId,
            ["channel"] = request.Channel.ToString(),
            ["accountId"] = request.AccountId,
            ["customerId"] = request.CustomerId,
            ["channelRequestId"] = request.ChannelRequestId,
            ["receivedAt"] = request.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
            ["dueBy"] = request.DueBy.ToString("O", CultureInfo.InvariantCulture),
            ["orders"] = orders,
            ["ordersNotHeld"] = notHeld,
        };
        return await _exports.WriteAsync(request.BrandId, request.Id, JsonSerializer.SerializeToUtf8Bytes(export, PersonalDataRedactor.StorageJson), cancellationToken);
    }

    private async Task<JsonObject> ExportOrderAsync(StoredOrder stored, CancellationToken cancellationToken)
    {
        var deliveries = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // A reference without a blob (the backstop's read of the channel's API, an imported history line) kept no body.
        foreach (var reference in stored.Deliveries.Where(d => !string.IsNullOrEmpty(d.RawBlobName)).OrderBy(d => d.ReceivedAt))
        {
            var body = await _raw.ReadJsonAsync(reference.RawBlobName, cancellationToken);
            if (PersonalDataRedactor.Extract(body) is not { } personal || !seen.Add(personal.ToJsonString()))
            {
                continue;
            }

            deliveries.Add(new JsonObject
            {
                ["deliveryKey"] = reference.DeliveryKey,
                ["topic"] = reference.Topic,
                ["receivedAt"] = reference.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
                ["personalData"] = personal,
            });
        }

        var destination = OrderRedactor.PersonalValues(stored.Order);
        return new JsonObject
        {
            ["orderId"] = stored.Order.Id,
            ["externalOrderId"] = stored.Order.ExternalOrderId,
            ["displayNumber"] = stored.Order.DisplayNumber,
            ["placedAt"] = stored.Order.PlacedAt.ToString("O", CultureInfo.InvariantCulture),
            ["destination"] = destination is null ? null : new JsonObject(destination.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["deliveries"] = deliveries,
        };
    }

    /// <summary>
    /// Tells the brand's data owner the export is ready (once: raising again is the same alert, repeated without a
    /// second notification). The message names the request and where to download it, never the buyer.
    /// </summary>
    private async Task RaiseExportReadyAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind != PrivacyRequestKind.CustomerDataRequest || request.State != PrivacyRequestState.Completed)
        {
            return;
        }

        await _alerts.RaiseAsync(
            new AlertRaise(
                request.BrandId,
                AlertKind.PrivacyExportReady,
                AlertSubject.PrivacyRequest(request.Id),
                $"A {request.Channel} data request ({request.Counts.OrdersExported} order(s)) is answered: download the export from "
                + $"GET /api/brands/{request.BrandId}/privacy-requests/{request.Id}/export and hand it to the merchant by {request.DueBy:yyyy-MM-dd}.")
            {
                Channel = request.Channel,
                Evidence = new Dictionary<string, string>
                {
                    ["requestId"] = request.Id,
                    ["dueBy"] = request.DueBy.ToString("O", CultureInfo.InvariantCulture),
                    ["ordersExported"] = request.Counts.OrdersExported.ToString(CultureInfo.InvariantCulture),
                },
            },
            cancellationToken);
    }
}
