namespace ServerlessOps.Domain.Brands;

/// <summary>
/// What a brand id may be: 1-40 lower-case letters, digits and dashes, starting with a letter or digit. The id is
/// part of routes, partition keys, blob paths and Key Vault secret names (<c>brand-{id}-...</c>), which is why
/// it is this narrow; infra/azure/settings.bicep states the same rule.
/// </summary>
public static class BrandIds
{
    public const int MaxLength = 40;

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxLength
        && id[0] is (>= 'a' and <= 'z') or (>= '0' and <= '9')
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public static string Rule => $"1-{MaxLength} lower-case letters, digits and dashes, starting with a letter or digit";
}
