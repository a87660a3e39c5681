using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// Walmart <c>POST /v3/orders/{purchaseOrderId}/acknowledge</c>: the same credential and header checks as the order read,
/// 404 for an unknown purchase order, 400 when a line is already shipped or cancelled (Walmart: do not acknowledge those),
/// else 200 with the order; acknowledging again is allowed, as on Walmart. Its failures are injected apart from the
/// other Walmart calls (<see cref="FailNextWalmartAcknowledgements"/>), so a test can break this one step alone.
/// </summary>
public sealed partial class StubMarketplace
{
    private readonly ConcurrentDictionary<string, int> _walmartAcknowledgements = new(StringComparer.Ordinal);
    private readonly StubFaults _acknowledgementFaults = new();

    /// <summary>How many times the purchase order was acknowledged (answered 200).</summary>
    public int WalmartAcknowledgements(string purchaseOrderId) => _walmartAcknowledgements.GetValueOrDefault(purchaseOrderId);

    /// <summary>The next <paramref name="count"/> acknowledgements answer <paramref name="statusCode"/>, with Retry-After when given.</summary>
    public void FailNextWalmartAcknowledgements(int count, int statusCode, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        _acknowledgementFaults.Add(SalesChannel.Walmart, count, new StubFault(statusCode, retryAfter, null, null));
    }

    private async Task WalmartAcknowledgeAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var purchaseOrderId = (string)context.Request.RouteValues["purchaseOrderId"]!;
        if (Header(context, "WM_QOS.CORRELATION_ID") is { Length: > 0 } correlationId)
        {
            context.Response.Headers["WM_QOS.CORRELATION_ID"] = correlationId;
        }

        if (_acknowledgementFaults.TryTake(SalesChannel.Walmart, out var fault))
        {
            var code = fault.StatusCode == StatusCodes.Status429TooManyRequests ? "REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API" : "SYSTEM_ERROR.GMP_GATEWAY_API";
            await AnswerAsync(context, SalesChannel.Walmart, receivedAt, fault.StatusCode, WalmartError(code, null, "Injected failure."), "injected", fault);
            return;
        }

        if (await RefuseWalmartCallAsync(context, receivedAt))
        {
            return;
        }

        if (!_walmart.TryGetValue(purchaseOrderId, out var json))
        {
            await AnswerAsync(
                context, SalesChannel.Walmart, receivedAt, StatusCodes.Status404NotFound,
                WalmartError("CONTENT_NOT_FOUND.GMP_ORDER_API", "purchaseOrderId", $"Purchase order {purchaseOrderId} not found."), "not found");
            return;
        }

        if (ShippedOrCancelledLine(json) is { } line)
        {
            await AnswerAsync(
                context, SalesChannel.Walmart, receivedAt, StatusCodes.Status400BadRequest,
                WalmartError("INVALID_REQUEST_CONTENT.GMP_ORDER_API", "purchaseOrderId", $"Line {line} is already shipped or cancelled; the order cannot be acknowledged."),
                "acknowledgement refused");
            return;
        }

        _walmartAcknowledgements.AddOrUpdate(purchaseOrderId, 1, (_, n) => n + 1);
        await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status200OK, json, "acknowledged");
    }

    private static string? ShippedOrCancelledLine(string orderJson)
    {
        var lines = JsonNode.Parse(orderJson)?["order"]?["orderLines"]?["orderLine"]?.AsArray() ?? [];
        foreach (var line in lines)
        {
            var statuses = line?["orderLineStatuses"]?["orderLineStatus"]?.AsArray() ?? [];
            if (statuses.Any(s => s?["status"]?.GetValue<string>() is "Shipped" or "Cancelled"))
            {
                return line?["lineNumber"]?.ToString() ?? "?";
            }
        }

        return null;
    }
}
