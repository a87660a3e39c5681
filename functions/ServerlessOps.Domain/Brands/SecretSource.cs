namespace ServerlessOps.Domain.Brands;

/// <summary>Where a secret's value lives.</summary>
public enum SecretSource
{
    /// <summary>A Key Vault secret, read with the app's managed identity when used. Production.</summary>
    KeyVault,

    /// <summary>The value itself, stored in the registry. Local runs and tests only (<c>Registry:AllowLocalSecrets</c>).</summary>
    Local,
}
