using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Functions.Access;

/// <summary>
/// Finds out who is calling: an API key in <c>X-Api-Key</c> (local and tests), else the principal App Service
/// authentication put in <c>X-MS-CLIENT-PRINCIPAL</c> (Azure). That header is trusted only when the platform says
/// authentication is on (<c>WEBSITE_AUTH_ENABLED</c>): without it anyone could write the header, so a host whose
/// authentication was switched off is closed rather than open.
/// </summary>
public sealed class CallerResolver
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";

    private readonly IReadOnlyList<(byte[] KeyHash, Caller Caller)> _apiKeys;
    private readonly IReadOnlyList<PrincipalScopeOptions> _principals;
    private readonly bool _platformAuthenticationOn;

    public CallerResolver(IOptions<AccessOptions> options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        _apiKeys = [.. options.Value.ApiKeys.Select(k => (Hash(k.Key!), ToCaller(k)))];
        _principals = options.Value.Principals;
        _platformAuthenticationOn = string.Equals(configuration[AuthEnabledSetting], "true", StringComparison.OrdinalIgnoreCase);
    }

    public CallerResolution Resolve(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(ApiKeyHeader, out var presented))
        {
            return ResolveApiKey(presented.ToString());
        }

        if (request.Headers.TryGetValue(AppServicePrincipal.Header, out var encoded))
        {
            if (!_platformAuthenticationOn)
            {
                return CallerResolution.Failed(
                    $"{AppServicePrincipal.Header} is trusted only behind App Service authentication, which is off for this app; sign in through it, or (locally) send an API key in {ApiKeyHeader}.");
            }

            return AppServicePrincipal.TryParse(encoded.ToString(), out var principal)
                ? CallerResolution.Found(ToCaller(principal))
                : CallerResolution.Failed($"{AppServicePrincipal.Header} could not be read.");
        }

        return CallerResolution.None;
    }

    private CallerResolution ResolveApiKey(string presented)
    {
        // Compare hashes in constant time, so response timing says nothing about how much of a key matched.
        var hash = Hash(presented);
        Caller? match = null;
        foreach (var (keyHash, caller) in _apiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, keyHash))
            {
                match = caller;
            }
        }

        return match is null
            ? CallerResolution.Failed($"The key in {ApiKeyHeader} is not one of this app's API keys.")
            : CallerResolution.Found(match);
    }

    private Caller ToCaller(AppServicePrincipal principal)
    {
        var scopes = _principals.Where(p => principal.ObjectIds.Contains(p.ObjectId!, StringComparer.OrdinalIgnoreCase)).ToList();
        var brands = scopes.SelectMany(s => AccessLists.Items(s.Brands)).ToHashSet(StringComparer.Ordinal);
        var roles = principal.Roles.Select(r => AccessLists.TryParseRole(r, out var role) ? role : (AccessRole?)null)
            .OfType<AccessRole>().ToHashSet();
        return new Caller(principal.Name, roles, brands, brands.Remove(AccessLists.AllBrands));
    }

    private static Caller ToCaller(ApiKeyOptions key)
    {
        var brands = AccessLists.Items(key.Brands).ToHashSet(StringComparer.Ordinal);
        return new Caller(key.Name!, AccessLists.Roles(key.Roles), brands, brands.Remove(AccessLists.AllBrands));
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
