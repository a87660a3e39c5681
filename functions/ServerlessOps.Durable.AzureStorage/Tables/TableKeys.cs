using System.Globalization;
using System.Text;

namespace ServerlessOps.Durable.AzureStorage.Tables;

/// <summary>
/// Row and partition keys. Table keys may not contain <c>/ \ # ?</c> or control characters, so those are
/// escaped as <c>%XX</c> (and <c>%</c> itself), which keeps ordinary instance ids readable in Storage Explorer.
/// </summary>
internal static class TableKeys
{
    /// <summary>RowKey of the history partition's sentinel row (name kept from the DF Storage provider).</summary>
    public const string Sentinel = "sentinel";

    /// <summary>RowKey of an instance's row in the Instances table (DF uses the empty string too).</summary>
    public const string InstanceRow = "";

    public static string Escape(string value)
    {
        if (!value.AsSpan().ContainsAny("/\\#?%") && !value.Any(char.IsControl))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Unescape(string key)
    {
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length)
            {
                builder.Append((char)int.Parse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>History RowKey: <c>{executionId}:{sequence as 8 hex digits}</c>, so one execution's rows are a
    /// contiguous, ordered range and a new execution (continue-as-new) never collides with the old one.</summary>
    public static string HistoryRow(string executionId, int sequence) =>
        executionId + ":" + sequence.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>The RowKey range <c>[from, to)</c> holding every history row of <paramref name="executionId"/>.</summary>
    public static (string From, string To) HistoryRange(string executionId) => (executionId + ":", executionId + ";");

    public static int SequenceOf(string rowKey) =>
        int.Parse(rowKey.AsSpan(rowKey.LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
