using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>A secret as an admin sends it: a Key Vault secret URI (production) or, where local secrets are allowed, the value.</summary>
public sealed record SecretValueRequest
{
    /// <summary><c>https://{vault}.vault.azure.net/secrets/{name}[/{version}]</c>; versionless follows rotations in the vault.</summary>
    public string? KeyVaultUri { get; init; }

    /// <summary>The value itself: refused where <c>Registry:AllowLocalSecrets</c> is false (Azure).</summary>
    public string? Value { get; init; }

    /// <summary>The reference, or the problem with this request under <paramref name="path"/>.</summary>
    public SecretReference? ToReference(string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if ((KeyVaultUri is null) == (Value is null))
        {
            errors.Add(new FieldError(path, "Give exactly one of keyVaultUri (a Key Vault secret URI) and value."));
            return null;
        }

        if (Value is not null)
        {
            return SecretReference.Local(Value);
        }

        if (!Uri.TryCreate(KeyVaultUri, UriKind.Absolute, out var uri))
        {
            errors.Add(new FieldError($"{path}.keyVaultUri", $"'{KeyVaultUri}' is not an absolute URI."));
            return null;
        }

        return SecretReference.KeyVault(uri);
    }

    public override string ToString() => $"SecretValueRequest {{ KeyVaultUri = {KeyVaultUri}, Value = {(Value is null ? "null" : "***")} }}";
}
