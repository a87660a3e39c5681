using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>A channel account of the registry with its secrets resolved to values, as the cache holds it. Never printed with values.</summary>
public sealed record ResolvedAccount(ChannelConnection Connection, IReadOnlyDictionary<SecretKind, ResolvedSecret> Secrets)
{
    /// <summary>The current value of <paramref name="kind"/>, or null.</summary>
    public string? Current(SecretKind kind) => Secrets.TryGetValue(kind, out var secret) ? secret.Current : null;

    /// <summary>Current and previous values of <paramref name="kind"/> (empty when unset).</summary>
    public IReadOnlyList<string> Accepted(SecretKind kind) => Secrets.TryGetValue(kind, out var secret) ? secret.Accepted : [];

    public override string ToString() => $"ResolvedAccount {{ {Connection.Account}, {Connection.Status}, kinds = {string.Join(", ", Secrets.Keys)} }}";
}
