namespace ServerlessOps.Functions.Access;

/// <summary>The brands an Entra principal, or every member of an Entra group, may see.</summary>
public sealed class PrincipalScopeOptions
{
    /// <summary>Object id of a user, service principal or group (a GUID).</summary>
    public string? ObjectId { get; set; }

    /// <summary>Comma-separated brand ids, or <c>*</c> for every brand.</summary>
    public string? Brands { get; set; }

    internal IEnumerable<string> Problems()
    {
        if (!Guid.TryParse(ObjectId, out _))
        {
            yield return $"ObjectId must be an Entra object id (a GUID); received '{ObjectId}'.";
        }

        if (string.IsNullOrWhiteSpace(Brands))
        {
            yield return "Brands is required: brand ids separated by commas, or * for every brand.";
        }
    }
}
