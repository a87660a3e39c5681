namespace ServerlessOps.Domain.Brands;

/// <summary>Who makes a registry write and what to call it in the audit trail.</summary>
/// <param name="Actor">The caller's name (never a credential), or <see cref="RegistryAuditEntry.SettingsSeedActor"/>.</param>
/// <param name="Action">created, updated, disconnected, secret rotated, previous secret dropped.</param>
public sealed record RegistryChange(string Actor, string Action)
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Disconnected = "disconnected";
    public const string SecretRotated = "secret rotated";
    public const string PreviousSecretDropped = "previous secret dropped";
}
