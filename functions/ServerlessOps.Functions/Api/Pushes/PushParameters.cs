using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>What the push routes share: the channel and account from the path, the optional reason (the SKU is <see cref="ApiParameters.Sku"/>).</summary>
internal static class PushParameters
{
    public const int MaxReasonLength = 500;

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

    /// <summary>
    /// 404 unless the route's brand has the channel account: a brake or status asked for under one brand must not act on,
    /// or pretend to, another brand's account (which is not said to exist), nor on an account nobody registered.
    /// </summary>
    public static async Task<IResult?> AccountNotOfTheBrandAsync(
        IBrandRegistry registry, string brandId, SalesChannel channel, string accountId, CancellationToken cancellationToken) =>
        (await AdminAccounts.LoadAsync(registry, new ChannelAccount(brandId, channel, accountId), cancellationToken)).Problem;
}
