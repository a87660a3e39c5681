using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Functions.Access;

/// <summary>
/// Who may call the non-webhook routes. In Azure, callers are Entra ID principals signed in through App Service
/// authentication, their roles the app roles in their token, and their brands those of every
/// <see cref="Principals"/> entry naming their object id or one of their groups. Locally and in tests,
/// <see cref="ApiKeys"/> map to the same roles and brand scopes. Function keys carry neither, so every function
/// is anonymous to the host and checked here.
/// </summary>
public sealed class AccessOptions : IValidatableObject
{
    public const string SectionName = "Access";

    /// <summary>API keys (Access:ApiKeys:{n}:Name/Key/Roles/Brands), sent in the <c>X-Api-Key</c> header. None in Azure.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Brand scopes of Entra principals or groups (Access:Principals:{n}:ObjectId/Brands).</summary>
    public List<PrincipalScopeOptions> Principals { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            foreach (var problem in ApiKeys[i].Problems())
            {
                yield return new ValidationResult($"Access:ApiKeys:{i}: {problem}", [nameof(ApiKeys)]);
            }
        }

        var duplicate = ApiKeys.GroupBy(k => k.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Key is not null && g.Count() > 1);
        if (duplicate is not null)
        {
            yield return new ValidationResult($"Access:ApiKeys: two entries ({string.Join(", ", duplicate.Select(k => k.Name))}) share one key; each caller needs its own.", [nameof(ApiKeys)]);
        }

        for (var i = 0; i < Principals.Count; i++)
        {
            foreach (var problem in Principals[i].Problems())
            {
                yield return new ValidationResult($"Access:Principals:{i}: {problem}", [nameof(Principals)]);
            }
        }
    }
}
