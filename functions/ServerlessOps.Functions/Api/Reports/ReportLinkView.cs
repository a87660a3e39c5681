using ServerlessOps.Infrastructure.Reports;

namespace ServerlessOps.Functions.Api.Reports;

/// <summary>A read-only download link (GET it, no credential needed until <see cref="ExpiresAt"/>) and its audit id.</summary>
public sealed record ReportLinkView(Uri Url, DateTimeOffset ExpiresAt, string File, string Period, string Version, string LinkId)
{
    public static ReportLinkView From(ReportLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new(link.Url, link.ExpiresAt, link.Record.File, link.Record.Period, link.Record.Version, link.Record.Id);
    }
}
