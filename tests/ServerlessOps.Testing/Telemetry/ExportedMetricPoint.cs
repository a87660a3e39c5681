using System.Text.Json.Nodes;

namespace ServerlessOps.Testing.Telemetry;

/// <summary>
/// One metric data point as the Azure Monitor exporter sent it: an item of base type <c>MetricData</c>, whose
/// <c>metrics[]</c> entry becomes a <c>customMetrics</c> row (<c>name</c>, and <c>value</c>/<c>count</c>/<c>min</c>/<c>max</c>
/// become <c>valueSum</c>/<c>valueCount</c>/<c>valueMin</c>/<c>valueMax</c>) and whose <c>properties</c> become that row's
/// <c>customDimensions</c>.
/// </summary>
/// <param name="DataPoint">The <c>metrics[]</c> entry as sent, for the fields beyond name and value.</param>
public sealed record ExportedMetricPoint(
    string Name, double Value, IReadOnlyDictionary<string, string> Properties, DateTimeOffset Time, JsonObject DataPoint)
{
    /// <summary>Every metric data point in <paramref name="items"/> (other telemetry, such as requests, is skipped).</summary>
    public static IReadOnlyList<ExportedMetricPoint> From(IEnumerable<JsonObject> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var points = new List<ExportedMetricPoint>();
        foreach (var item in items)
        {
            if ((string?)item["data"]?["baseType"] != "MetricData")
            {
                continue;
            }

            var data = item["data"]!["baseData"]!;
            var properties = (data["properties"] as JsonObject ?? [])
                .ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty, StringComparer.Ordinal);
            var time = DateTimeOffset.Parse((string)item["time"]!, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var metric in data["metrics"]!.AsArray())
            {
                points.Add(new ExportedMetricPoint((string)metric!["name"]!, (double)metric["value"]!, properties, time, metric.AsObject()));
            }
        }

        return points;
    }

    /// <summary>The point's properties as <c>key=value</c> pairs in key order, for messages.</summary>
    public override string ToString() =>
        $"{Name} {Value} {{{string.Join(", ", Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}}} {DataPoint.ToJsonString()}";
}
