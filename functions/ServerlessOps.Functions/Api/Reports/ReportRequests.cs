using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Reports;

/// <summary>Parses the report routes' parameters, answering a problem that names the bad one.</summary>
internal static class ReportRequests
{
    public static bool TryParseKind(string? value, out ReportKind kind, out IResult? problem)
    {
        problem = null;
        if (Enum.TryParse(value, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _))
        {
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Report kind must be one of monthly, weekly, daily; received '{value}'.");
        return false;
    }

    /// <summary>The optional <c>kind</c> query parameter.</summary>
    public static bool TryParseKindQuery(HttpCall http, out ReportKind? kind, out IResult? problem)
    {
        kind = null;
        problem = null;
        var value = http.QueryValue("kind");
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!TryParseKind(value, out var parsed, out problem))
        {
            return false;
        }

        kind = parsed;
        return true;
    }
}
