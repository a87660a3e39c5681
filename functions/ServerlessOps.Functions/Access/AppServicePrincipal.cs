using System.Text;
using System.Text.Json;

namespace ServerlessOps.Functions.Access;

/// <summary>
/// The signed-in principal App Service authentication forwards in <c>X-MS-CLIENT-PRINCIPAL</c>: base64 of
/// <c>{"auth_typ", "name_typ", "role_typ", "claims": [{"typ", "val"}]}</c>. Roles are the token's app roles;
/// object ids are the principal's own (<c>oid</c>) and its groups', matched against <see cref="AccessOptions.Principals"/>.
/// </summary>
public sealed record AppServicePrincipal(string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> ObjectIds)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string DefaultRoleClaim = "roles";

    public static bool TryParse(string encoded, out AppServicePrincipal principal)
    {
        principal = null!;
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            var root = json.RootElement;
            var nameType = Text(root, "name_typ");
            var roleType = Text(root, "role_typ") ?? DefaultRoleClaim;
            var claims = root.TryGetProperty("claims", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(c => (Type: Text(c, "typ") ?? string.Empty, Value: Text(c, "val") ?? string.Empty)).ToList()
                : [];
            string? Claim(params string[] types) => claims.FirstOrDefault(c => types.Contains(c.Type, StringComparer.Ordinal)).Value;

            var objectId = Claim(ObjectIdClaim, "oid");
            var ids = claims.Where(c => c.Type == "groups").Select(c => c.Value).Append(objectId).OfType<string>().Where(v => v.Length > 0).ToList();
            var roles = claims.Where(c => c.Type == roleType || c.Type == DefaultRoleClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
            var name = (nameType is null ? null : Claim(nameType)) ?? Claim("preferred_username", "name") ?? objectId ?? "unknown principal";
            principal = new AppServicePrincipal(name, roles, ids);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
