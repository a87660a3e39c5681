using System.Globalization;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api;

/// <summary>Parses and checks the read APIs' parameters, answering a problem that names the bad one.</summary>
internal static class ApiParameters
{
    /// <summary>
    /// The route's <c>{sku}</c>. A SKU may hold a slash (<c>MUG/12OZ</c>): sent as <c>%2F</c>, which ASP.NET Core (and the
    /// Functions host) leave escaped in a path segment while unescaping everything else, so only that is undone here.
    /// </summary>
    public static string Sku(HttpCall http) =>
        http.RouteValue("sku").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    public static bool TryParseDay(string? value, out DateOnly day, out IResult? problem)
    {
        problem = null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Query parameter 'day' must be a UTC date as yyyy-MM-dd; received '{value}'.");
        return false;
    }

    /// <summary>A list's <c>limit</c>: <paramref name="defaultLimit"/> when absent, else a whole number from 1 to <paramref name="max"/>.</summary>
    public static bool TryParseLimit(string? value, int defaultLimit, int max, out int limit, out IResult? problem)
    {
        problem = null;
        limit = defaultLimit;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max)
        {
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Query parameter 'limit' must be a whole number from 1 to {max}; received '{value}'.");
        return false;
    }

    public static bool TryParseChannel(string? value, out SalesChannel? channel, out IResult? problem)
    {
        problem = null;
        channel = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (SalesChannelNames.TryParseSlug(value, out var parsed))
        {
            channel = parsed;
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Query parameter 'channel' must be one of shopify, amazon, walmart, tiktok; received '{value}'.");
        return false;
    }
}
