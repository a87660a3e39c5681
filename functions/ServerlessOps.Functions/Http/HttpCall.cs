using Microsoft.DurableTask.Client;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Audit;

namespace ServerlessOps.Functions.Http;

/// <summary>One request as a handler sees it: the HTTP context, who is calling, and the durable client when the route uses one.</summary>
public sealed class HttpCall
{
    private readonly DurableTaskClient? _durable;

    public HttpCall(HttpRoute route, HttpContext context, Caller? caller, DurableTaskClient? durable)
    {
        Route = route;
        Context = context;
        Caller = caller;
        _durable = durable;
    }

    public HttpRoute Route { get; }

    public HttpContext Context { get; }

    public HttpRequest Request => Context.Request;

    /// <summary>The authenticated caller; null on anonymous and channel routes.</summary>
    public Caller? Caller { get; }

    /// <summary>What the handler adds to the audit entry of a human action (<see cref="HumanActions"/>); null for the defaults.</summary>
    public AuditNote? Audit { get; set; }

    /// <summary>The durable client; only on routes with <see cref="HttpRoute.UsesDurableClient"/>.</summary>
    public DurableTaskClient Durable =>
        _durable ?? throw new InvalidOperationException($"Route {Route.Name} does not declare UsesDurableClient, so no DurableTaskClient is bound.");

    /// <summary>A route value the template declares (both hosts route the request, so it is always there).</summary>
    public string RouteValue(string name) =>
        Context.GetRouteValue(name) as string
        ?? throw new InvalidOperationException($"Route {Route.Name} ({Route.Template}) has no value for '{name}'.");

    public string? QueryValue(string name) =>
        Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;
}
