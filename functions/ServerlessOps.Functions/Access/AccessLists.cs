namespace ServerlessOps.Functions.Access;

/// <summary>Parses the comma-separated role and brand lists of <see cref="AccessOptions"/>.</summary>
internal static class AccessLists
{
    public const string AllBrands = "*";

    public static IEnumerable<string> Items(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static HashSet<AccessRole> Roles(string? list) =>
        [.. Items(list).Select(r => TryParseRole(r, out var role) ? role : throw new FormatException($"Role '{r}' is not one of operations, finance, admin."))];

    /// <summary>
    /// A role by its name only, in any letter case. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would also
    /// take "2" (Admin) or "7", so a number in an app role or a key's settings would grant a role nobody named.
    /// </summary>
    public static bool TryParseRole(string? value, out AccessRole role)
    {
        role = default;
        var name = Enum.GetNames<AccessRole>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null && Enum.TryParse(name, out role);
    }

    public static IEnumerable<string> RoleProblems(string? list)
    {
        var items = Items(list).ToList();
        if (items.Count == 0)
        {
            yield return "Roles is required: one or more of operations, finance, admin.";
        }

        foreach (var item in items.Where(i => !TryParseRole(i, out _)))
        {
            yield return $"Role '{item}' is not one of operations, finance, admin.";
        }
    }
}
