namespace ServerlessOps.Benchmarks.Durable;

/// <summary>A named set of durableTask settings (host.json keys, e.g. <c>storageProvider:partitionCount</c>) over the extension's defaults.</summary>
internal sealed record EngineVariant(string Name, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The Durable Functions extension's defaults, unchanged.</summary>
    public static EngineVariant Defaults { get; } = new("extension defaults", new Dictionary<string, string>());

    public EngineVariant With(string name, string key, string value) =>
        new(name, new Dictionary<string, string>(Settings) { [key] = value });

    public string Describe() =>
        Settings.Count == 0 ? "(none)" : string.Join(", ", Settings.Select(s => $"{s.Key}={s.Value}"));
}
