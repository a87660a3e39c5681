namespace ServerlessOps.Infrastructure.Registry;

/// <summary>One kind of an account's secret, resolved: current and previous values (either null when unset or unresolvable). Never printed.</summary>
public sealed record ResolvedSecret(string? Current, string? Previous)
{
    /// <summary>Current, then previous: the values an incoming webhook may be authenticated with.</summary>
    public IReadOnlyList<string> Accepted => [.. new[] { Current, Previous }.OfType<string>()];

    public override string ToString() => $"ResolvedSecret {{ Current = {(Current is null ? "null" : "***")}, Previous = {(Previous is null ? "null" : "***")} }}";
}
