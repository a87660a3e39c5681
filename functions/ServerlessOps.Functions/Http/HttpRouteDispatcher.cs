using System.Diagnostics;
using Microsoft.DurableTask.Client;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Audit;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Infrastructure;
using ServerlessOps.Infrastructure.Telemetry;

namespace ServerlessOps.Functions.Http;

/// <summary>
/// The one path every HTTP function takes, in both hosts: check the caller against the route's access rule,
/// the brand in the route against the caller's scope, then run the handler; a store outage becomes a 503 with
/// Retry-After and anything unexpected a 500 naming the trace id. Doing this here rather than in host
/// middleware keeps the two hosts identical: the Functions host has no ASP.NET Core exception handler.
/// </summary>
public sealed class HttpRouteDispatcher
{
    private readonly CallerResolver _callers;
    private readonly IBrandDirectorySource _brands;
    private readonly OperatorMetrics _metrics;
    private readonly HumanActionRecorder _audit;
    private readonly ILogger<HttpRouteDispatcher> _logger;

    public HttpRouteDispatcher(CallerResolver callers, IBrandDirectorySource brands, OperatorMetrics metrics, HumanActionRecorder audit, ILogger<HttpRouteDispatcher> logger)
    {
        _audit = audit;
        _callers = callers;
        _brands = brands;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<IResult> DispatchAsync(HttpRoute route, HttpContext context, IHttpFunction function, DurableTaskClient? durable = null)
    {
        var result = await AnswerAsync(route, context, function, durable);

        // Webhook 401s and 5xx for the operators' alerts: a type test and a comparison per delivery unless it is one of those.
        if (route.Access.Kind == RouteAccessKind.Channel && result is IStatusCodeHttpResult { StatusCode: { } status } && status is 401 or >= 500)
        {
            _metrics.WebhookAnswered(route.Template[(route.Template.LastIndexOf('/') + 1)..], status);
        }

        return result;
    }

    private async Task<IResult> AnswerAsync(HttpRoute route, HttpContext context, IHttpFunction function, DurableTaskClient? durable)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(function);
        Caller? caller = null;
        try
        {
            // Inside the try: the brand check reads the registry cache, which answers 503 until its first load.
            if (route.Access.Kind == RouteAccessKind.Role && Authorize(route, context, out caller) is { } decision)
            {
                return decision;
            }

            var call = new HttpCall(route, context, caller, durable);
            var result = await function.HandleAsync(call, context.RequestAborted);

            // Inside the try: an audit log that cannot be written is a 503, and the retried request logs the action.
            await _audit.RecordAsync(call, result, context.RequestAborted);
            return result;
        }
        catch (StoreUnavailableException e)
        {
            _logger.StoreUnavailable(route.Name, e);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Result(Problems.StoreUnavailable, "Storage is unavailable for now; nothing was stored or acknowledged. Retry later (after Retry-After seconds).");
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
            _logger.UnhandledException(route.Name, e);
            return Problems.Result(Problems.Unexpected, $"An unexpected error occurred; quote trace id {traceId}.", new Dictionary<string, object?> { ["traceId"] = traceId });
        }
    }

    private IResult? Authorize(HttpRoute route, HttpContext context, out Caller? caller)
    {
        var resolution = _callers.Resolve(context.Request);
        caller = resolution.Caller;
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{CallerResolver.ApiKeyHeader}\", Bearer";
            var detail = resolution.Failure ?? $"{route.Name} needs a signed-in caller with the {route.Access} role (locally: an API key in {CallerResolver.ApiKeyHeader}).";
            _logger.CallerRejected(route.Name, resolution.Failure ?? "no credential");
            return Problems.Result(Problems.CallerUnauthenticated, detail);
        }

        if (!route.Access.Roles.Any(caller.Holds))
        {
            _logger.CallerForbidden(route.Name, caller.Name, $"lacks role {route.Access}");
            return Problems.Result(Problems.ForbiddenRole, $"{route.Name} needs the {route.Access} role; {caller.Name} holds {Describe(caller.Roles)}.");
        }

        if (!route.IsBrandScoped)
        {
            return null;
        }

        var brandId = context.GetRouteValue("brandId") as string ?? string.Empty;
        if (!caller.MaySee(brandId))
        {
            _logger.CallerForbidden(route.Name, caller.Name, $"brand {brandId} is outside its scope");
            return Problems.Result(Problems.ForbiddenBrand, $"Brand '{brandId}' is outside the brands {caller.Name} may see.");
        }

        // After the scope check, so a caller cannot learn which brands exist outside its scope.
        return _brands.Current.IsConfigured(brandId)
            ? null
            : Problems.Result(Problems.NotFound, $"Brand '{brandId}' is not configured.");
    }

    private static string Describe(IReadOnlySet<AccessRole> roles) =>
        roles.Count == 0 ? "no role" : "the role(s) " + string.Join(", ", roles.Select(r => r.ToString().ToLowerInvariant()));
}
