namespace ServerlessOps.Domain.Brands;

/// <summary>
/// Where one secret value is: a Key Vault secret URI (production), or the value itself (local runs and tests only).
/// Never prints the value: <see cref="ToString"/> shows the vault URI or <c>Local(***)</c>, so a reference in a log,
/// an exception or an audit entry gives nothing away.
/// </summary>
public sealed record SecretReference
{
    /// <summary>Longest local value accepted (Shopify tokens and TikTok ciphers are far shorter).</summary>
    public const int MaxLocalValueLength = 4096;

    private static readonly string[] _vaultHostSuffixes =
        [".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net", ".vault.microsoftazure.de", ".managedhsm.azure.net"];

    public SecretSource Source { get; init; }

    /// <summary>With <see cref="SecretSource.KeyVault"/>: <c>https://{vault}.vault.azure.net/secrets/{name}[/{version}]</c>. Versionless follows rotations in the vault.</summary>
    public Uri? KeyVaultUri { get; init; }

    /// <summary>With <see cref="SecretSource.Local"/>: the value. Stored in the registry, so only where local secrets are allowed.</summary>
    public string? LocalValue { get; init; }

    public static SecretReference KeyVault(Uri secretUri) => new() { Source = SecretSource.KeyVault, KeyVaultUri = secretUri };

    public static SecretReference Local(string value) => new() { Source = SecretSource.Local, LocalValue = value };

    /// <summary>Problems with this reference (under <paramref name="path"/>); a local one is a problem when <paramref name="allowLocal"/> is false.</summary>
    public IEnumerable<FieldError> Validate(string path, bool allowLocal)
    {
        switch (Source)
        {
            case SecretSource.KeyVault:
                if (!IsKeyVaultSecretUri(KeyVaultUri))
                {
                    yield return new FieldError(path, $"'{KeyVaultUri}' is not a Key Vault secret URI (https://{{vault}}.vault.azure.net/secrets/{{name}}[/{{version}}]).");
                }

                if (LocalValue is not null)
                {
                    yield return new FieldError(path, "Give a Key Vault URI or a value, not both.");
                }

                break;
            case SecretSource.Local:
                if (!allowLocal)
                {
                    yield return new FieldError(path, "Local secret values are refused here (Registry:AllowLocalSecrets is false): store the secret in Key Vault and give its URI.");
                }
                else if (string.IsNullOrEmpty(LocalValue) || LocalValue.Length > MaxLocalValueLength)
                {
                    yield return new FieldError(path, $"A local secret value of 1-{MaxLocalValueLength} characters is required.");
                }

                break;
            default:
                yield return new FieldError(path, "Unknown secret source; expected a Key Vault URI or a local value.");
                break;
        }
    }

    /// <summary>Whether <paramref name="uri"/> is an https Key Vault secret URI: a vault host, then <c>/secrets/{name}</c> and an optional version.</summary>
    public static bool IsKeyVaultSecretUri(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query)
            || !_vaultHostSuffixes.Any(s => uri.Host.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        return segments.Length is 2 or 3
            && string.Equals(segments[0], "secrets", StringComparison.OrdinalIgnoreCase)
            && segments.Skip(1).All(s => s.Length is > 0 and <= 127 && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }

    public override string ToString() => Source == SecretSource.KeyVault ? $"KeyVault({KeyVaultUri})" : "Local(***)";
}
