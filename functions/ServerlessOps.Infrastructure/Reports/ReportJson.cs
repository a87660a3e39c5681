using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// The JSON of the report files: camelCase, enums by name, months as <c>2026-11</c>, decimals as JSON numbers with their
/// scale kept (<c>12.50</c> stays <c>12.50</c>), indented with LF, so a file diffs well and the same model always gives
/// the same bytes. Unlike Cosmos documents, decimals are numbers here: finance tools read them as such.
/// </summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            NewLine = "\n",
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,

            // Subjects and formulas carry '<', '>' and '&' (">= 3 × baseline"); written as they are, they stay readable.
            // The files are served as attachments with their JSON content type, never inlined into HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new ReviewMonthJsonConverter());
        options.MakeReadOnly();
        return options;
    }
}
