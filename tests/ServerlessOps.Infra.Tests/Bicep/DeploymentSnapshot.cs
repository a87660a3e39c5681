using System.Text.Json.Nodes;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>
/// What <c>bicep snapshot</c> predicts a deployment of main.bicep with one parameters file creates: every
/// resource with loops expanded and every value known before deployment evaluated (runtime values such
/// as a storage endpoint stay ARM expressions).
/// </summary>
public sealed class DeploymentSnapshot
{
    private readonly JsonObject _root;

    public DeploymentSnapshot(string name, JsonObject root)
    {
        Name = name;
        _root = root;
        Resources = root["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();
    }

    /// <summary>The parameters file it came from, e.g. dev.</summary>
    public string Name { get; }

    public IReadOnlyList<JsonObject> Resources { get; }

    /// <summary>Diagnostics bicep reported while evaluating.</summary>
    public JsonArray Diagnostics => _root["diagnostics"]?.AsArray() ?? [];

    public JsonObject Outputs => _root["outputs"]!.AsObject();

    /// <summary>The function app's app settings, name to value.</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        SiteConfig("appsettings")!["properties"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

    /// <summary>The function app's App Service authentication settings, or null when the deployment has none.</summary>
    public JsonObject? AuthSettings => SiteConfig("authsettingsV2");

    /// <summary>The site's config resource named <paramref name="name"/> (appsettings, authsettingsV2), or null.</summary>
    public JsonObject? SiteConfig(string name) =>
        OfType("Microsoft.Web/sites/config").SingleOrDefault(r => ((string)r["name"]!).EndsWith("/" + name, StringComparison.Ordinal));

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject SingleOf(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"{Name}: expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>Last segment of each resource name of <paramref name="type"/> (child resources are a/b/c).</summary>
    public IReadOnlyList<string> NamesOf(string type) =>
        OfType(type).Select(r => ((string)r["name"]!).Split('/')[^1]).ToList();

    /// <summary>Every string anywhere in the snapshot, for "no key anywhere" checks.</summary>
    public IEnumerable<string> AllStrings() => JsonStrings.All(_root);
}
