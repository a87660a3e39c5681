namespace ServerlessOps.Functions.Access;

/// <summary>Parses the comma-separated role and brand lists of <see cref="AccessOptions"/>.</summary>
internal static class AccessLists
{
    public const string AllBrands = "*";

    public static IEnumerable<string> Items(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static HashSet<AccessRole> Roles(string? list) =>
        [.. Items(list).Select(r => Enum.Parse<AccessRole>(r, ignoreCase: true))];

    public static IEnumerable<string> RoleProblems(string? list)
    {
        var items = Items(list).ToList();
        if (items.Count == 0)
        {
            yield return "Roles is required: one or more of operations, finance, admin.";
        }

        foreach (var item in items.Where(i => !Enum.TryParse<AccessRole>(i, ignoreCase: true, out _)))
        {
            yield return $"Role '{item}' is not one of operations, finance, admin.";
        }
    }
}
