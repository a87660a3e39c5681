namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// One configured durableTask value before it is parsed: its key path below <c>extensions.durableTask</c> as written
/// (':'-separated, e.g. <c>storageProvider:partitionCount</c>), its text, and where it came from, for error messages.
/// </summary>
internal sealed record ConfiguredValue(string Key, string Value, string Source)
{
    /// <summary>The key as host.json spells it, e.g. <c>extensions.durableTask.storageProvider.partitionCount</c>.</summary>
    public string DisplayKey => "extensions.durableTask." + Key.Replace(':', '.');

    /// <summary>Names the key, its value and its origin: "extensions.durableTask.x = 'v' (from …)".</summary>
    public string Describe() => $"{DisplayKey} = '{Value}' (from {Source})";
}
