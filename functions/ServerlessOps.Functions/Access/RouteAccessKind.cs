namespace ServerlessOps.Functions.Access;

/// <summary>How a route authenticates its callers.</summary>
public enum RouteAccessKind
{
    Anonymous,
    Channel,
    Role,
}
