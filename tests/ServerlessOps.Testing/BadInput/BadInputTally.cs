using System.Globalization;
using System.Text;

namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// The figures of one target (a channel's webhook or an import kind). Every call lands in exactly one of refused (4xx
/// problem+json, nothing kept), quarantined (kept raw for replay, at the edge or after processing), stored valid (2xx and
/// what it wrote is whole), 5xx, refused by the HTTP server (a raw request Kestrel would not parse), not answered, or
/// unsettled (2xx but no final outcome in time). Partial writes and wrong statuses are counted across them.
/// </summary>
public sealed class BadInputTally(string target)
{
    public string Target { get; } = target;

    public int Sent { get; set; }

    public int Refused { get; set; }

    public int Quarantined { get; set; }

    public int StoredValid { get; set; }

    public int ServerErrors { get; set; }

    public int RefusedByServer { get; set; }

    public int NotAnswered { get; set; }

    public int Unsettled { get; set; }

    /// <summary>Something written that is not whole: an order out of range, an import left half-applied, a quarantine without its raw body, a refused file with a record.</summary>
    public int PartialWrites { get; set; }

    /// <summary>A case with a required status (413, 401, 415, 404) answered otherwise, or a 4xx that is not problem+json.</summary>
    public int WrongAnswers { get; set; }

    /// <summary>503s (storage busy, Retry-After) answered before the final answer and sent again; not failures, but reported.</summary>
    public int Retried503 { get; set; }

    /// <summary>The calls behind any bad figure, for the failure message.</summary>
    public List<string> Findings { get; } = [];

    public bool Passed => ServerErrors == 0 && PartialWrites == 0 && Unsettled == 0 && NotAnswered == 0 && WrongAnswers == 0
        && Refused + Quarantined + StoredValid + RefusedByServer == Sent;

    public static string Table(IEnumerable<BadInputTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        var rows = tallies.ToList();
        var total = new BadInputTally("total");
        foreach (var row in rows)
        {
            total.Sent += row.Sent;
            total.Refused += row.Refused;
            total.Quarantined += row.Quarantined;
            total.StoredValid += row.StoredValid;
            total.ServerErrors += row.ServerErrors;
            total.RefusedByServer += row.RefusedByServer;
            total.NotAnswered += row.NotAnswered;
            total.Unsettled += row.Unsettled;
            total.PartialWrites += row.PartialWrites;
            total.WrongAnswers += row.WrongAnswers;
            total.Retried503 += row.Retried503;
        }

        var text = new StringBuilder();
        text.AppendLine("| target | sent | 4xx problem | quarantined (kept raw) | 2xx stored valid | 5xx (must be 0) | partial writes (must be 0) | 400 by Kestrel (raw CR/LF/NUL) | unsettled / no answer / wrong status |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows.Append(total))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Target} | {row.Sent} | {row.Refused} | {row.Quarantined} | {row.StoredValid} | {row.ServerErrors} | {row.PartialWrites} | {row.RefusedByServer} | {row.Unsettled} / {row.NotAnswered} / {row.WrongAnswers} |"));
        }

        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"503 with Retry-After (storage busy, nothing stored) answered and sent again, as channels retry: {total.Retried503}"));
        var answered = total.Refused + total.Quarantined + total.StoredValid + total.RefusedByServer;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"answered 4xx, quarantined or stored valid: {answered} of {total.Sent} ({(total.Sent == 0 ? 0 : 100.0 * answered / total.Sent):0.0}%)"));
        return text.ToString();
    }
}
