using ServerlessOps.Functions.Access;

namespace ServerlessOps.Functions.Http;

/// <summary>
/// One HTTP function as both hosts serve it: the Functions host through the function class's one-line
/// <c>[HttpTrigger]</c> wrapper, the standalone host through its route table. <see cref="HttpRoutes.All"/> lists
/// them; a test compares that list with the build's functions.metadata and with the standalone host's endpoints.
/// </summary>
/// <param name="Name">Function name = endpoint name = the function class's name.</param>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Template">Route template without a leading slash, as the <c>[HttpTrigger]</c> states it (host.json's routePrefix is empty).</param>
/// <param name="Access">Who may call it; enforced by <see cref="HttpRouteDispatcher"/> in the app itself.</param>
/// <param name="Function">The <see cref="IHttpFunction"/> class that handles it.</param>
public sealed record HttpRoute(string Name, string Method, string Template, RouteAccess Access, Type Function)
{
    /// <summary>One line for the OpenAPI document.</summary>
    public required string Summary { get; init; }

    /// <summary>OpenAPI tag grouping the route.</summary>
    public required string Tag { get; init; }

    /// <summary>Body of the success answer, for the OpenAPI document; null when there is none.</summary>
    public Type? Response { get; init; }

    /// <summary>Status of the success answer. Default 200.</summary>
    public int SuccessStatus { get; init; } = StatusCodes.Status200OK;

    /// <summary>Statuses the route answers with problem+json, besides the access ones the dispatcher adds.</summary>
    public IReadOnlyList<int> ProblemStatuses { get; init; } = [];

    /// <summary>Query parameters, for the OpenAPI document.</summary>
    public IReadOnlyList<QueryParameter> Query { get; init; } = [];

    /// <summary>How the route pages its list; null when it answers whole. The OpenAPI document adds its parameters and Link header.</summary>
    public ListPaging? Paging { get; init; }

    /// <summary>Whether the handler needs a <c>DurableTaskClient</c> (the Functions wrapper then declares <c>[DurableClient]</c>).</summary>
    public bool UsesDurableClient { get; init; }

    /// <summary>
    /// Served by the Functions host itself in Azure (the Durable extension's HTTP API), so it has no wrapper and
    /// only the standalone host maps it, in the same shape.
    /// </summary>
    public bool HostProvided { get; init; }

    /// <summary>Whether the route names a brand (<c>{brandId}</c>), which the caller's scope must include.</summary>
    public bool IsBrandScoped => Template.Contains("{brandId}", StringComparison.Ordinal);

    public static HttpRoute Get<TFunction>(string template, RouteAccess access, string summary, string tag)
        where TFunction : IHttpFunction =>
        new(typeof(TFunction).Name, HttpMethods.Get, template, access, typeof(TFunction)) { Summary = summary, Tag = tag };

    public static HttpRoute Post<TFunction>(string template, RouteAccess access, string summary, string tag)
        where TFunction : IHttpFunction =>
        new(typeof(TFunction).Name, HttpMethods.Post, template, access, typeof(TFunction)) { Summary = summary, Tag = tag };
}
