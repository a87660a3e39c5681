using Microsoft.DurableTask.Client;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Local;

/// <summary>
/// The standalone host's routes: one endpoint per <see cref="HttpRoutes.All"/> entry, named after its function,
/// dispatched exactly as the function's <c>[HttpTrigger]</c> wrapper dispatches it under the Functions host.
/// </summary>
public static class HttpRouteTable
{
    public static IEndpointRouteBuilder MapHttpRoutes(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in HttpRoutes.All)
        {
            // A Func rather than a RequestDelegate, so minimal APIs execute the IResult the dispatcher returns.
            Func<HttpContext, Task<IResult>> handler = context => DispatchAsync(route, context);
            endpoints.MapMethods("/" + route.Template, [route.Method], handler)
                .WithName(route.Name)
                .WithMetadata(route);
        }

        return endpoints;
    }

    private static Task<IResult> DispatchAsync(HttpRoute route, HttpContext context)
    {
        var function = (IHttpFunction)context.RequestServices.GetRequiredService(route.Function);
        var durable = route.UsesDurableClient ? context.RequestServices.GetRequiredService<DurableTaskClient>() : null;
        return route.DispatchAsync(context, function, durable);
    }
}
