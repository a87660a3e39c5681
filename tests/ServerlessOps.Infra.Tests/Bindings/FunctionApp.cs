using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using ServerlessOps.Testing;

namespace ServerlessOps.Infra.Tests.Bindings;

/// <summary>The function app's source files the package is made of: host.json and Bindings/&lt;Name&gt;/function.json.</summary>
public static class FunctionApp
{
    public const string CatalogTypeName = "ServerlessOps.Functions.CustomHandler.FunctionCatalog";

    public static string ProjectDirectory => Path.Combine(RepositoryPaths.Root, "functions", "ServerlessOps.Functions");

    public static string HostJsonPath => Path.Combine(ProjectDirectory, "host.json");

    /// <summary>Every Bindings/&lt;Name&gt;/function.json, by function name.</summary>
    public static IReadOnlyList<FunctionJson> Functions()
    {
        var bindings = Path.Combine(ProjectDirectory, "Bindings");
        if (!Directory.Exists(bindings))
        {
            return [];
        }

        return Directory.EnumerateDirectories(bindings)
            .Select(dir => Path.Combine(dir, "function.json"))
            .Where(File.Exists)
            .Select(file => new FunctionJson(
                Path.GetFileName(Path.GetDirectoryName(file)!),
                JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList()))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>host.json, or null while the app has none.</summary>
    public static JsonObject? HostJson() =>
        File.Exists(HostJsonPath) ? JsonNode.Parse(File.ReadAllText(HostJsonPath))!.AsObject() : null;

    /// <summary>host.json extensions.http.routePrefix (the host's default is "api").</summary>
    public static string RoutePrefix(JsonObject host) => ((string?)host["extensions"]?["http"]?["routePrefix"] ?? "api").Trim('/');

    /// <summary>
    /// The app's FunctionCatalog.All, read by reflection so this project compiles before (and whatever) the
    /// catalog's exact types are; null when the app has no catalog yet.
    /// </summary>
    public static IReadOnlyList<CatalogEntry>? Catalog()
    {
        var assembly = Assembly.Load("ServerlessOps.Functions");
        var type = assembly.GetType(CatalogTypeName);
        if (type is null)
        {
            return null;
        }

        const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;
        var all = type.GetProperty("All", Static)?.GetValue(null) ?? type.GetField("All", Static)?.GetValue(null)
            ?? throw new InvalidOperationException($"{CatalogTypeName} has no public static All.");
        return ((IEnumerable)all).Cast<object>().Select(CatalogEntry.From).ToList();
    }
}

/// <summary>One function.json.</summary>
public sealed record FunctionJson(string Name, IReadOnlyList<JsonObject> Bindings)
{
    public IReadOnlyList<JsonObject> Triggers =>
        Bindings.Where(b => ((string?)b["type"] ?? "").EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The single trigger's type, e.g. httpTrigger.</summary>
    public string TriggerType => (string)Triggers.Single()["type"]!;
}

/// <summary>One FunctionDescriptor of the app's catalog.</summary>
public sealed record CatalogEntry(string Name, string Trigger, string? Route, IReadOnlyList<string> Methods, string? QueueName, string? Schedule)
{
    public static CatalogEntry From(object descriptor)
    {
        var type = descriptor.GetType();
        object? Get(string property) => type.GetProperty(property)?.GetValue(descriptor);
        var methods = Get("Methods") is IEnumerable list ? list.Cast<object>().Select(m => m.ToString()!).ToList() : [];
        return new CatalogEntry(
            (string)Get("Name")!,
            Get("Trigger")!.ToString()!,
            (string?)Get("Route"),
            methods,
            (string?)Get("QueueName"),
            (string?)Get("Schedule"));
    }
}
