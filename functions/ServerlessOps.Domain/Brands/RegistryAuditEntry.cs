namespace ServerlessOps.Domain.Brands;

/// <summary>One change to a brand or one of its channel accounts: who, when, what, field by field.</summary>
/// <param name="Id">Unique, and ordered by time within a brand.</param>
/// <param name="BrandId">The brand the change belongs to (an account's brand for account changes).</param>
/// <param name="At">When the change was written.</param>
/// <param name="Actor">Who made it: the caller's name from the access model, or <c>settings seed</c>.</param>
/// <param name="Subject"><c>brand</c>, or <c>account {channel}:{accountId}</c>.</param>
/// <param name="Action">created, updated, disconnected, secret rotated, previous secret dropped.</param>
/// <param name="Changes">The fields that differ; secrets only as <see cref="FieldChange.SecretMarker"/>.</param>
public sealed record RegistryAuditEntry(
    string Id,
    string BrandId,
    DateTimeOffset At,
    string Actor,
    string Subject,
    string Action,
    IReadOnlyList<FieldChange> Changes)
{
    /// <summary>The actor of entries the settings seed writes.</summary>
    public const string SettingsSeedActor = "settings seed";
}
