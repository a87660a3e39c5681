using ServerlessOps.Domain.Alerts;
using ServerlessOps.Functions.Errors;

namespace ServerlessOps.Functions.Api.Alerts;

/// <summary>Parses the alert APIs' parameters, answering a problem that names the bad one.</summary>
internal static class AlertParameters
{
    public static bool TryParseState(string? value, out AlertState? state, out IResult? problem)
    {
        state = null;
        problem = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (Enum.TryParse<AlertState>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            state = parsed;
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Query parameter 'state' must be open, acknowledged or resolved; received '{value}'.");
        return false;
    }

    public static bool TryParseKind(string? value, out AlertKind? kind, out IResult? problem)
    {
        kind = null;
        problem = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (AlertKinds.TryParse(value, out var parsed))
        {
            kind = parsed;
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Query parameter 'kind' must be an alert kind ({string.Join(", ", AlertKinds.All.Select(k => k.Slug))}); received '{value}'.");
        return false;
    }

    /// <summary>The 404 for an alert id the brand does not have, saying what ids look like.</summary>
    public static IResult NotFound(string brandId, string alertId) =>
        Problems.Result(Problems.NotFound, $"Brand '{brandId}' has no alert '{alertId}'. Alert ids look like 'al-' and 24 hex digits; list them at /api/brands/{brandId}/alerts.");
}
