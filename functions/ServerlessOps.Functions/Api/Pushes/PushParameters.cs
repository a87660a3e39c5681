using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>What the push routes share: the SKU and channel from the path, the optional reason.</summary>
internal static class PushParameters
{
    public const int MaxReasonLength = 500;

    /// <summary>The route's <c>{sku}</c>; a slash in a SKU arrives as <c>%2F</c>, which routing leaves escaped.</summary>
    public static string Sku(HttpCall http) =>
        http.RouteValue("sku").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    public static bool TryChannel(HttpCall http, out SalesChannel channel, out IResult? problem)
    {
        problem = null;
        var value = http.RouteValue("channel");
        if (SalesChannelNames.TryParseSlug(value, out channel))
        {
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Route segment 'channel' must be one of shopify, amazon, walmart, tiktok; received '{value}'.");
        return false;
    }

    public static bool TryReason(HttpCall http, out string? reason, out IResult? problem)
    {
        problem = null;
        reason = http.QueryValue("reason");
        if (reason is null || (reason.Length <= MaxReasonLength && !reason.Any(char.IsControl)))
        {
            reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Query parameter 'reason' must be at most {MaxReasonLength} printable characters.");
        return false;
    }
}
