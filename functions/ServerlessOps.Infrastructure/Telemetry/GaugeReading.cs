namespace ServerlessOps.Infrastructure.Telemetry;

/// <summary>One value of a gauge with the tags that say what it is of (a queue, a brand, a channel account).</summary>
public sealed record GaugeReading(long Value, IReadOnlyList<KeyValuePair<string, object?>> Tags)
{
    /// <summary>A reading tagged with name/value pairs, e.g. <c>GaugeReading.Of(3, ("queue", "inventory-push-poison"))</c>.</summary>
    public static GaugeReading Of(long value, params (string Name, string Value)[] tags) =>
        new(value, [.. tags.Select(t => new KeyValuePair<string, object?>(t.Name, t.Value))]);
}
