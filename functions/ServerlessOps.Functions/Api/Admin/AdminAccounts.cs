using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>The account a route names (<c>{brandId}/accounts/{channel}/{accountId}</c>), and loading it for that brand only.</summary>
internal static class AdminAccounts
{
    public static bool TryParse(HttpCall http, out ChannelAccount account, out IResult? problem)
    {
        var brandId = http.RouteValue("brandId");
        var channelText = http.RouteValue("channel");
        var accountId = http.RouteValue("accountId").Trim();
        problem = null;
        if (!SalesChannelNames.TryParseSlug(channelText, out var channel))
        {
            account = null!;
            problem = AdminRequests.Invalid([new FieldError("channel", $"'{channelText}' is not a channel; expected one of shopify, amazon, walmart, tiktok.")]);
            return false;
        }

        account = new ChannelAccount(brandId, channel, accountId);
        return true;
    }

    /// <summary>The stored account, or 404 when it does not exist or belongs to another brand (which is not said).</summary>
    public static async Task<(Versioned<ChannelConnection>? Current, IResult? Problem)> LoadAsync(
        IBrandRegistry registry, ChannelAccount account, CancellationToken cancellationToken)
    {
        var current = await registry.GetAccountAsync(account.Channel, account.AccountId, cancellationToken);
        return current is null || !string.Equals(current.Value.Account.BrandId, account.BrandId, StringComparison.Ordinal)
            ? (null, Problems.Result(Problems.NotFound, $"Brand '{account.BrandId}' has no {account.Channel.Slug()} account '{account.AccountId}'."))
            : (current, null);
    }

    /// <summary>The kind a route names (<c>secrets/{kind}</c>), valid for the account's channel.</summary>
    public static bool TryParseKind(HttpCall http, SalesChannel channel, out SecretKind kind, out IResult? problem)
    {
        var text = http.RouteValue("kind");
        problem = null;
        if (SecretKinds.TryParse(text, out kind) && SecretKinds.For(channel).Contains(kind))
        {
            return true;
        }

        problem = AdminRequests.Invalid([new FieldError("kind", $"'{text}' is not a secret kind of {channel} accounts; expected one of {string.Join(", ", SecretKinds.For(channel).Select(k => k.Slug()))}.")]);
        return false;
    }

    public static string Describe(ChannelAccount account) => $"{account.Channel.Slug()} account '{account.AccountId}'";
}
