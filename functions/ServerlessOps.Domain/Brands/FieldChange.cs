namespace ServerlessOps.Domain.Brands;

/// <summary>One field of a registry entry that a change touched. Secret fields never carry values: both sides read <c>changed</c>.</summary>
/// <param name="Field">camelCase path, as the admin API names it (<c>policy.marginFloorPercent</c>, <c>secrets.appSecret.current</c>).</param>
/// <param name="From">The value before, invariant culture; null when the field was not set.</param>
/// <param name="To">The value after; null when the change removed it.</param>
public sealed record FieldChange(string Field, string? From, string? To)
{
    /// <summary>What a secret field shows instead of its values.</summary>
    public const string SecretMarker = "changed";
}
