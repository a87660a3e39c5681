namespace ServerlessOps.Functions.Access;

/// <summary>Who may call a route. Every route declares one; the dispatcher enforces it in the app itself, in both hosts.</summary>
public sealed record RouteAccess
{
    private RouteAccess(RouteAccessKind kind, AccessRole? role)
    {
        Kind = kind;
        Role = role;
    }

    /// <summary>Anyone: liveness and the API description, which carry no brand data.</summary>
    public static RouteAccess Anonymous { get; } = new(RouteAccessKind.Anonymous, null);

    /// <summary>A marketplace: authenticated by the channel's own signature or credential inside the handler.</summary>
    public static RouteAccess Channel { get; } = new(RouteAccessKind.Channel, null);

    /// <summary>
    /// A marketplace's half of an authorisation protocol: an OAuth callback (authenticated by the channel's signature and
    /// a single-use state we issued) or our Walmart token endpoint (by the client credentials we gave Walmart). Checked
    /// inside the handler; anything missing or wrong is a 400 or 401 problem.
    /// </summary>
    public static RouteAccess Protocol { get; } = new(RouteAccessKind.Protocol, null);

    public static RouteAccess Operations { get; } = new(RouteAccessKind.Role, AccessRole.Operations);

    public static RouteAccess Finance { get; } = new(RouteAccessKind.Role, AccessRole.Finance);

    public static RouteAccess Admin { get; } = new(RouteAccessKind.Role, AccessRole.Admin);

    public RouteAccessKind Kind { get; }

    /// <summary>The role a caller needs when <see cref="Kind"/> is <see cref="RouteAccessKind.Role"/>.</summary>
    public AccessRole? Role { get; }

    /// <summary>How the OpenAPI document and the logs name it: <c>anonymous</c>, <c>channel</c> or the role.</summary>
    public override string ToString() => Role?.ToString().ToLowerInvariant() ?? Kind.ToString().ToLowerInvariant();
}
