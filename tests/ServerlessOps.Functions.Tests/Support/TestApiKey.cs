namespace ServerlessOps.Functions.Tests.Support;

/// <summary>
/// An API key a test gives its app (<c>Access:ApiKeys:{n}</c>): a name for the audit, the key, its roles and brands.
/// </summary>
/// <param name="Roles">Comma-separated: operations, finance, admin.</param>
/// <param name="Brands">Comma-separated brand ids, or <c>*</c>.</param>
public sealed record TestApiKey(string Name, string Key, string Roles, string Brands)
{
    /// <summary>
    /// The settings of <paramref name="keys"/>, numbered from 1: entry 0 is the local operator key every test app
    /// already has (LocalStackSettings), which a test's keys must not replace.
    /// </summary>
    public static Dictionary<string, string> Settings(params TestApiKey[] keys)
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < keys.Length; i++)
        {
            var prefix = $"Access:ApiKeys:{i + 1}:";
            settings[prefix + "Name"] = keys[i].Name;
            settings[prefix + "Key"] = keys[i].Key;
            settings[prefix + "Roles"] = keys[i].Roles;
            settings[prefix + "Brands"] = keys[i].Brands;
        }

        return settings;
    }
}
