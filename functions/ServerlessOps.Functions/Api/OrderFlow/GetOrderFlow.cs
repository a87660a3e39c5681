using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.OrderFlow;

/// <summary>
/// GET /api/brands/{brandId}/orders/{channel}/{orderId}/flow: the order's flow, its stage and step history (the flow's
/// custom status), how it ended, and its recorded exception. 404 when the order never had a flow.
/// </summary>
public sealed class GetOrderFlow(IOrderFlowExceptionStore exceptions) : IHttpFunction
{
    private const string Template = "api/brands/{brandId}/orders/{channel}/{orderId}/flow";

    public static HttpRoute Route { get; } = HttpRoute.Get<GetOrderFlow>(
        Template, RouteAccess.Operations,
        "An order's flow (channel slug and the channel's order id): status, stage, what each line moved, step history and its exception", "Order flows") with
    {
        Response = typeof(OrderFlowView),
        UsesDurableClient = true,
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound],
    };

    [Function(nameof(GetOrderFlow))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Route.DispatchAsync(request.HttpContext, this, client);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!OrderFlowParameters.TryRead(http, out var order, out var problem))
        {
            return problem!;
        }

        var instance = await http.Durable.GetInstanceAsync(order.InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return Problems.Result(Problems.NotFound,
                $"Order {order.ExternalOrderId} on {order.Channel} of brand '{order.BrandId}' has no flow (instance '{order.InstanceId}'): not received yet, placed before the brand's go-live, or purged.");
        }

        var exception = await exceptions.GetAsync(order.BrandId, OrderId.For(order.Channel, order.ExternalOrderId), cancellationToken);
        return TypedResults.Ok(new OrderFlowView(
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            Parse(instance.SerializedCustomStatus),
            Parse(instance.SerializedOutput),
            instance.FailureDetails?.ErrorMessage,
            exception));
    }

    private static JsonElement? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonDocument.Parse(json).RootElement.Clone();
}
