namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// The settings whose value is still an <c>@Microsoft.KeyVault(...)</c> reference: App Service resolves a reference
/// before the app starts, and leaves the literal text when it cannot (missing secret, no access). Read once at
/// start; the names are logged and reported by the health check, the values never.
/// </summary>
public sealed class UnresolvedSecretReferences
{
    private const string ReferencePrefix = "@Microsoft.KeyVault(";

    public UnresolvedSecretReferences(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        SettingNames = [.. configuration.AsEnumerable()
            .Where(setting => setting.Value?.TrimStart().StartsWith(ReferencePrefix, StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>App setting names (with <c>__</c>) of the unresolved references; empty when all resolved.</summary>
    public IReadOnlyList<string> SettingNames { get; }
}
