namespace ServerlessOps.Functions.Access;

/// <summary>Who may call a route. Every route declares one; the dispatcher enforces it in the app itself, in both hosts.</summary>
public sealed record RouteAccess
{
    private RouteAccess(RouteAccessKind kind, params AccessRole[] roles)
    {
        Kind = kind;
        Roles = roles;
    }

    /// <summary>Anyone: liveness and the API description, which carry no brand data.</summary>
    public static RouteAccess Anonymous { get; } = new(RouteAccessKind.Anonymous);

    /// <summary>A marketplace: authenticated by the channel's own signature or credential inside the handler.</summary>
    public static RouteAccess Channel { get; } = new(RouteAccessKind.Channel);

    /// <summary>
    /// A marketplace's half of an authorisation protocol: an OAuth callback (authenticated by the channel's signature and
    /// a single-use state we issued) or our Walmart token endpoint (by the client credentials we gave Walmart). Checked
    /// inside the handler; anything missing or wrong is a 400 or 401 problem.
    /// </summary>
    public static RouteAccess Protocol { get; } = new(RouteAccessKind.Protocol);

    public static RouteAccess Operations { get; } = new(RouteAccessKind.Role, AccessRole.Operations);

    public static RouteAccess Finance { get; } = new(RouteAccessKind.Role, AccessRole.Finance);

    public static RouteAccess Admin { get; } = new(RouteAccessKind.Role, AccessRole.Admin);

    /// <summary>Either role: what both read, such as the list of a brand's reports (finance downloads them, operations acts on them).</summary>
    public static RouteAccess OperationsOrFinance { get; } = new(RouteAccessKind.Role, AccessRole.Operations, AccessRole.Finance);

    public RouteAccessKind Kind { get; }

    /// <summary>The role a caller needs when <see cref="Kind"/> is <see cref="RouteAccessKind.Role"/> (the first of <see cref="Roles"/>).</summary>
    public AccessRole? Role => Roles.Count == 0 ? null : Roles[0];

    /// <summary>When <see cref="Kind"/> is <see cref="RouteAccessKind.Role"/>: a caller needs one of these roles.</summary>
    public IReadOnlyList<AccessRole> Roles { get; }

    /// <summary>How the OpenAPI document and the logs name it: <c>anonymous</c>, <c>channel</c>, the role or <c>operations or finance</c>.</summary>
    public override string ToString() =>
        Roles.Count == 0 ? Kind.ToString().ToLowerInvariant() : string.Join(" or ", Roles.Select(r => r.ToString().ToLowerInvariant()));
}
