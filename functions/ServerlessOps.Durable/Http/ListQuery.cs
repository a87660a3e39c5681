using System.Globalization;
using Microsoft.AspNetCore.Http;
using ServerlessOps.Durable.Client;

namespace ServerlessOps.Durable.Http;

/// <summary>Parses the list/purge query string (Durable Functions' parameter names) into an <see cref="OrchestrationQuery"/>.</summary>
internal static class ListQuery
{
    public static bool TryParse(IQueryCollection q, string? continuationToken, out OrchestrationQuery query, out string error)
    {
        query = new OrchestrationQuery();
        error = string.Empty;
        if (!TryTime(q, "createdTimeFrom", out var from, ref error) || !TryTime(q, "createdTimeTo", out var to, ref error))
        {
            return false;
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var raw in q["runtimeStatus"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(raw, ignoreCase: true, out var status) || int.TryParse(raw, CultureInfo.InvariantCulture, out _))
            {
                error = $"runtimeStatus '{raw}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.";
                return false;
            }

            statuses.Add(status);
        }

        var pageSize = OrchestrationQuery.DefaultPageSize;
        if (q.TryGetValue("top", out var top) && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            error = $"top '{top}' must be an integer from 1 to 1000.";
            return false;
        }

        query = new OrchestrationQuery
        {
            CreatedFrom = from,
            CreatedTo = to,
            Statuses = statuses.Count > 0 ? statuses : null,
            Name = q.TryGetValue("name", out var name) ? name.ToString() : null,
            InstanceIdPrefix = q.TryGetValue("instanceIdPrefix", out var prefix) ? prefix.ToString() : null,
            PageSize = pageSize,
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = q.TryGetValue("showInput", out var showInput) && bool.TryParse(showInput, out var show) && show,
        };
        return true;
    }

    private static bool TryTime(IQueryCollection q, string key, out DateTimeOffset? value, ref string error)
    {
        value = null;
        if (!q.TryGetValue(key, out var raw))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = $"{key} '{raw}' is not an ISO 8601 date-time (for example 2026-01-31T00:00:00Z).";
        return false;
    }
}
