namespace ServerlessOps.Testing.Faults;

/// <summary>
/// Narrows a <see cref="FaultMix"/> to one kind of request, so a test can fail exactly one step of a multi-step write
/// (e.g. the Durable engine's instance-row upsert, <c>PATCH</c> on <c>{hub}Instances(...)</c>, while its history batch
/// on the same table service goes through).
/// </summary>
/// <param name="Method">The HTTP method, e.g. <c>PATCH</c> (case-insensitive).</param>
/// <param name="PathContains">A piece of the request path, e.g. <c>/{hub}Instances(</c> (case-sensitive, as table names are not).</param>
public sealed record FaultTarget(string Method, string PathContains)
{
    /// <summary>True when a request with <paramref name="method"/> and <paramref name="path"/> is one this target means.</summary>
    public bool Matches(string method, string path) =>
        string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) && path.Contains(PathContains, StringComparison.Ordinal);
}
