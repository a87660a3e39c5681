namespace ServerlessOps.Functions.Http;

/// <summary>
/// An HTTP function's handler. Both hosts reach it only through <see cref="HttpRouteDispatcher"/>, which has
/// already checked the caller against the route's access rule (and the brand in the route against the caller's
/// scope) and turns store outages into 503s.
/// </summary>
public interface IHttpFunction
{
    Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken);
}
