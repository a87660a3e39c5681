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
            await AnswerAsync(context, SalesChannel.Amazon, receivedAt, fault.StatusCode, AmazonError(code, message), "injected", fault);
            return;
        }

        var token = Header(context, "x-amz-access-token");
        if (string.IsNullOrEmpty(token) || (_amazonToken is { } expected && !SameSecret(token, expected)))
        {
            await AnswerAsync(
                context, SalesChannel.Amazon, receivedAt, StatusCodes.Status401Unauthorized,
                AmazonError("Unauthorized", "Access to requested resource is denied."),
                string.IsNullOrEmpty(token) ? "x-amz-access-token missing" : "x-amz-access-token wrong");
            return;
        }

        if (!_amazon.TryGetValue(orderId, out var document))
        {
            await AnswerAsync(
                context, SalesChannel.Amazon, receivedAt, StatusCodes.Status404NotFound,
                AmazonError("NotFound", $"Order {orderId} not found."), "not found");
            return;
        }

        await AnswerAsync(context, SalesChannel.Amazon, receivedAt, StatusCodes.Status200OK, items ? document.Items : document.Order, "served");
    }

    private static string AmazonError(string code, string message) =>
        $$"""{"errors":[{"code":{{JsonString(code)}},"message":{{JsonString(message)}},"details":""}]}""";
}
