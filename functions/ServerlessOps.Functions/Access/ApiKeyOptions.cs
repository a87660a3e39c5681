namespace ServerlessOps.Functions.Access;

/// <summary>One API key: a local or test stand-in for an Entra principal, with the same roles and brand scope.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Shortest key accepted: 128 bits of a random hex or base64 string.</summary>
    public const int MinimumKeyLength = 24;

    /// <summary>Who holds the key; appears in logs and audit entries (the key never does).</summary>
    public string? Name { get; set; }

    /// <summary>The secret itself, at least <see cref="MinimumKeyLength"/> characters.</summary>
    public string? Key { get; set; }

    /// <summary>Comma-separated roles: operations, finance, admin.</summary>
    public string? Roles { get; set; }

    /// <summary>Comma-separated brand ids, or <c>*</c> for every brand.</summary>
    public string? Brands { get; set; }

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "Name is required (it names the caller in logs and audit entries).";
        }

        if (string.IsNullOrEmpty(Key) || Key.Length < MinimumKeyLength)
        {
            yield return $"Key must be at least {MinimumKeyLength} characters.";
        }

        foreach (var problem in AccessLists.RoleProblems(Roles))
        {
            yield return problem;
        }

        if (string.IsNullOrWhiteSpace(Brands))
        {
            yield return "Brands is required: brand ids separated by commas, or * for every brand.";
        }
    }
}
