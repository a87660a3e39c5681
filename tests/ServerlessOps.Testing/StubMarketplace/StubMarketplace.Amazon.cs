using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>SP-API Orders v0: getOrder and getOrderItems, errors as <c>{"errors":[{code,message,details}]}</c> with x-amzn-RequestId.</summary>
public sealed partial class StubMarketplace
{
    private void MapAmazon(WebApplication app)
    {
        app.MapGet("/orders/v0/orders/{orderId}", context => AmazonAsync(context, items: false));
        app.MapGet("/orders/v0/orders/{orderId}/orderItems", context => AmazonAsync(context, items: true));
    }

    private async Task AmazonAsync(HttpContext context, bool items)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var orderId = (string)context.Request.RouteValues["orderId"]!;
        context.Response.Headers["x-amzn-RequestId"] = NewRequestId();

        if (await NextFaultAsync(context, SalesChannel.Amazon, receivedAt) is { } fault)
        {
            var code = fault.StatusCode == StatusCodes.Status429TooManyRequests ? "QuotaExceeded" : "InternalFailure";
            var message = fault.StatusCode == StatusCodes.Status429TooManyRequests
                ? "You exceeded your quota for the requested resource."
                : "We encountered an internal error. Please try again.";
            var error = fault.AmazonError is { } refusal
                ? AmazonError(refusal.Code, "Access to requested resource is denied.", refusal.Details)
                : AmazonError(code, message);
            await AnswerAsync(context, SalesChannel.Amazon, receivedAt, fault.StatusCode, error, "injected", fault);
            return;
        }

        var token = Header(context, "x-amz-access-token");
        // An access token the stub's LWA issued is good until it expires; otherwise only the expected one (if set).
        var expired = ExpiredIssuedToken(SalesChannel.Amazon, token, "x-amz-access-token");
        if (string.IsNullOrEmpty(token) || expired is not null
            || (_amazonToken is { } expected && !SameSecret(token, expected) && !IsIssuedToken(SalesChannel.Amazon, token)))
        {
            await AnswerAsync(
                context, SalesChannel.Amazon, receivedAt, StatusCodes.Status401Unauthorized,
                AmazonError("Unauthorized", "Access to requested resource is denied."),
                string.IsNullOrEmpty(token) ? "x-amz-access-token missing" : expired ?? "x-amz-access-token wrong");
            return;
        }

        if (!_amazon.TryGetValue(orderId, out var document))
        {
            await AnswerAsync(
                context, SalesChannel.Amazon, receivedAt, StatusCodes.Status404NotFound,
                AmazonError("NotFound", $"Order {orderId} not found."), "not found");
            return;
        }

        if (!items)
        {
            await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status200OK, document.Order, "served");
            return;
        }

        var page = ItemsPage(document.ItemPages, context.Request.Query["NextToken"].ToString());
        if (page is null)
        {
            await AnswerAsync(
                context, SalesChannel.Amazon, receivedAt, StatusCodes.Status400BadRequest,
                AmazonError("InvalidInput", "Invalid NextToken."), "unknown NextToken");
            return;
        }

        await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status200OK, page, "served");
    }

    /// <summary>The first page without a token; otherwise the page after the one whose payload.NextToken is the token.</summary>
    private static string? ItemsPage(IReadOnlyList<string> pages, string nextToken)
    {
        if (string.IsNullOrEmpty(nextToken))
        {
            return pages[0];
        }

        for (var i = 0; i < pages.Count - 1; i++)
        {
            if (JsonNode.Parse(pages[i])?["payload"]?["NextToken"]?.GetValue<string>() == nextToken)
            {
                return pages[i + 1];
            }
        }

        return null;
    }

    private static string AmazonError(string code, string message, string details = "") =>
        $$"""{"errors":[{"code":{{JsonString(code)}},"message":{{JsonString(message)}},"details":{{JsonString(details)}}}]}""";
}
