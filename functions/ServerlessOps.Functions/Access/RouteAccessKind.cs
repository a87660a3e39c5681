namespace ServerlessOps.Functions.Access;

/// <summary>How a route authenticates its callers.</summary>
public enum RouteAccessKind
{
    Anonymous,
    Channel,
    Role,

    /// <summary>An authorisation protocol's own endpoint (an OAuth callback, a token endpoint): its request authenticates itself.</summary>
    Protocol,
}
