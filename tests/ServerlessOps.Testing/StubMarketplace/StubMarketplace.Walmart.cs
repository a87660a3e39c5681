using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// Walmart GET /v3/orders/{purchaseOrderId}: needs WM_SEC.ACCESS_TOKEN (401 otherwise), WM_QOS.CORRELATION_ID,
/// WM_SVC.NAME and Accept: application/json (400 otherwise); echoes the correlation id. Errors as
/// <c>{"errors":{"error":[{code,field,description,info,severity,category}]}}</c>.
/// </summary>
public sealed partial class StubMarketplace
{
    private void MapWalmart(WebApplication app)
    {
        app.MapGet("/v3/orders/{purchaseOrderId}", WalmartAsync);
        app.MapPost("/v3/orders/{purchaseOrderId}/acknowledge", WalmartAcknowledgeAsync);
    }

    private async Task WalmartAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var purchaseOrderId = (string)context.Request.RouteValues["purchaseOrderId"]!;
        var correlationId = Header(context, "WM_QOS.CORRELATION_ID");
        if (!string.IsNullOrEmpty(correlationId))
        {
            context.Response.Headers["WM_QOS.CORRELATION_ID"] = correlationId;
        }

        if (await NextFaultAsync(context, SalesChannel.Walmart, receivedAt) is { } fault)
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

        await AnswerAsync(context, SalesChannel.Walmart, receivedAt, StatusCodes.Status200OK, json, "served");
    }

    /// <summary>
    /// Answers a Walmart call the way Walmart refuses it: 401 without a good WM_SEC.ACCESS_TOKEN, 400 without
    /// WM_QOS.CORRELATION_ID, WM_SVC.NAME or Accept: application/json. True when it answered.
    /// </summary>
    private async Task<bool> RefuseWalmartCallAsync(HttpContext context, DateTimeOffset receivedAt)
    {
        var token = Header(context, "WM_SEC.ACCESS_TOKEN");
        // A token the stub's POST /v3/token issued is good until it expires; otherwise only the expected one (if set).
        var expired = ExpiredIssuedToken(SalesChannel.Walmart, token, "WM_SEC.ACCESS_TOKEN");
        if (string.IsNullOrEmpty(token) || expired is not null
            || (_walmartToken is { } expected && !SameSecret(token, expected) && !IsIssuedToken(SalesChannel.Walmart, token)))
        {
            await AnswerAsync(
                context, SalesChannel.Walmart, receivedAt, StatusCodes.Status401Unauthorized,
                WalmartError("UNAUTHORIZED.GMP_GATEWAY_API", null, "Unauthorized token or incorrect authorization header."),
                string.IsNullOrEmpty(token) ? "WM_SEC.ACCESS_TOKEN missing" : expired ?? "WM_SEC.ACCESS_TOKEN wrong");
            return true;
        }

        var missing = new[] { "WM_QOS.CORRELATION_ID", "WM_SVC.NAME" }.Where(h => string.IsNullOrEmpty(Header(context, h))).ToList();
        if (!Header(context, "Accept").Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            missing.Add("Accept: application/json");
        }

        if (missing.Count > 0)
        {
            await AnswerAsync(
                context, SalesChannel.Walmart, receivedAt, StatusCodes.Status400BadRequest,
                WalmartError("INVALID_REQUEST_HEADER.GMP_GATEWAY_API", missing[0], $"Missing {string.Join(", ", missing)}."),
                $"missing {string.Join(", ", missing)}");
            return true;
        }

        return false;
    }

    private static string WalmartError(string code, string? field, string info) =>
        new JsonObject
        {
            ["errors"] = new JsonObject
            {
                ["error"] = new JsonArray(new JsonObject
                {
                    ["code"] = code,
                    ["field"] = field,
                    ["description"] = info,
                    ["info"] = info,
                    ["severity"] = "ERROR",
                    ["category"] = "DATA",
                }),
            },
        }.ToJsonString();
}
