using Microsoft.DurableTask.Client;

namespace ServerlessOps.Functions.Http;

/// <summary>The call every function wrapper makes: <c>Route.DispatchAsync(request.HttpContext, this)</c>.</summary>
public static class HttpRouteDispatch
{
    public static Task<IResult> DispatchAsync(this HttpRoute route, HttpContext context, IHttpFunction function, DurableTaskClient? durable = null)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The bound client also serves what the handler calls indirectly (a replay converging an order starts its flow).
        return OrderFlow.DurableClientScope.RunAsync(durable, () => context.RequestServices.GetRequiredService<HttpRouteDispatcher>().DispatchAsync(route, context, function, durable));
    }
}
