using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>Where a secret's value lives: <c>KeyVault</c> with its URI, or <c>Local</c> (the value is never shown).</summary>
public sealed record SecretLocation(SecretSource Source, Uri? KeyVaultUri)
{
    public static SecretLocation From(SecretReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new SecretLocation(reference.Source, reference.Source == SecretSource.KeyVault ? reference.KeyVaultUri : null);
    }
}
