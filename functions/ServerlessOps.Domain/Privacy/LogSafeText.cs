using System.Text.RegularExpressions;

namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// Free text fit for a log line. Payload problems quote what they found (<c>created_at: expected an ISO 8601 time,
/// found "12 Elm Street"</c>), which is what makes a quarantine reason useful to the operator reading the entry, but a
/// mistyped field can hold personal data, and logs must never: the log keeps the path and the expectation, the quoted
/// value becomes <c>"…"</c>. The entry itself keeps the full text (and is scrubbed when the buyer's data is erased).
/// </summary>
public static partial class LogSafeText
{
    public static string WithoutQuotedValues(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Quoted().Replace(text, m => m.Value[0] == '"' ? "\"…\"" : "'…'");
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}
