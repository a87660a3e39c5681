using System.Globalization;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Connections;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>What the connection routes share: query values, our callback URLs, and failures turned into problems.</summary>
internal static class ConnectionCallbacks
{
    /// <summary>Key Vault secret names of the channel apps' secrets an account's registry entry refers to in Azure.</summary>
    public const string ShopifyClientSecretName = "channel-app-shopify-client-secret";

    public const string TikTokShopAppSecretName = "channel-app-tiktokshop-app-secret";

    public static IReadOnlyList<KeyValuePair<string, string>> Query(HttpCall http) =>
        [.. http.Request.Query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()))];

    public static string? Value(IReadOnlyList<KeyValuePair<string, string>> query, string name) =>
        query.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Value is { Length: > 0 } value ? value : null;

    /// <summary><c>{PublicBaseUrl or this request's origin}/api/connect/{channel}/callback</c>.</summary>
    public static Uri CallbackUri(HttpCall http, ChannelAppOptions apps, SalesChannel channel)
    {
        var origin = string.IsNullOrWhiteSpace(apps.PublicBaseUrl)
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}"
            : apps.PublicBaseUrl;
        return new Uri($"{origin.TrimEnd('/')}/api/connect/{channel.Slug()}/callback", UriKind.Absolute);
    }

    public static string QueryString(params (string Key, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    public static IResult Refused(HttpCall http, ILogger logger, SalesChannel channel, ProblemType type, string detail)
    {
        logger.CallbackRefused(channel, detail);
        return Problems.Result(type, detail);
    }

    /// <summary>Whether <paramref name="e"/> is a channel's answer to a code exchange or token call (made a problem by <see cref="ChannelFailure"/>).</summary>
    public static bool IsChannelFailure(Exception e) => e is ChannelApiException or ChannelApiCredentialMissingException or TokenGrantRevokedException;

    /// <summary>A failed code exchange or token call as a problem.</summary>
    public static IResult ChannelFailure(HttpCall http, ILogger logger, SalesChannel channel, string brandId, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        logger.CodeExchangeFailed(channel, brandId, e.Message);
        switch (e)
        {
            case ChannelApiUnavailableException:
                http.Context.Response.Headers.RetryAfter = "30";
                return Problems.Result(Problems.ChannelUnavailable, $"{e.Message} Nothing was stored; try again in a while.");
            case ChannelApiCredentialMissingException:
                return Problems.Result(Problems.ChannelAppNotConfigured, e.Message);
            case ChannelAuthorizationRevokedException:
                return Problems.Result(Problems.AuthorizationRefused, e.Message);
            default:
                return Problems.Result(Problems.AuthorizationRefused, $"{e.Message} Nothing was stored; start the connection again (an authorisation code is good once, for minutes).");
        }
    }

    /// <summary>Records the connection; conflicts and an invalid account become problems.</summary>
    public static async Task<IResult> RecordAsync(
        HttpCall http,
        ChannelConnector connector,
        IChannelTokenStore tokens,
        ConnectionStateDocument state,
        ChannelAccount account,
        ObtainedToken token,
        Func<ChannelConnection?, ChannelConnection> shape,
        CancellationToken cancellationToken)
    {
        try
        {
            var saved = await connector.RecordAsync(state, account, token, shape, cancellationToken);
            var stored = await tokens.ReadAsync(account.Channel, account.AccountId, cancellationToken);
            return TypedResults.Ok(ConnectionView.From(saved.Value.Account, saved.Value.Status, stored?.Value));
        }
        catch (ConnectionConflictException e)
        {
            return Problems.Result(Problems.Conflict, e.Message);
        }
        catch (RegistryValidationException e)
        {
            return Problems.Result(
                Problems.InvalidBody,
                $"The {account.Channel} account '{account.AccountId}' is authorised and its tokens are stored, but the registry refused the account: " +
                string.Join(" ", e.Errors.Select(f => $"{f.Field}: {f.Message}")) +
                $" Complete it with PUT /api/brands/{account.BrandId}/accounts/{account.Channel.Slug()}/{account.AccountId}.",
                new Dictionary<string, object?> { ["errors"] = e.Errors.Select(f => new { field = f.Field, message = f.Message }).ToArray() });
        }
    }

    /// <summary>A new account's shape, or the stored one, before the channel adds its parts.</summary>
    public static ChannelConnection Base(ChannelConnection? current, ChannelAccount account) =>
        current ?? new ChannelConnection(account, ChannelAccountStatus.Connected, WebhookSettings.None, new Dictionary<SecretKind, ChannelSecret>());

    /// <summary>Sets <paramref name="kind"/> when the account has none yet; an existing secret (maybe mid-rotation) is kept.</summary>
    public static ChannelConnection WithSecretIfMissing(ChannelConnection connection, SecretKind kind, Func<SecretReference> reference) =>
        connection.Secret(kind) is null ? connection.WithSecret(kind, new ChannelSecret(reference())) : connection;

    public static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>The admin request's body, or an empty one; null with the problem when it is malformed.</summary>
    public static async Task<(ConnectionRequest? Body, IResult? Problem)> ReadBodyAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength is null or 0 && http.Request.Headers.TransferEncoding.Count == 0)
        {
            return (new ConnectionRequest(), null);
        }

        return await AdminRequests.ReadAsync<ConnectionRequest>(http, cancellationToken);
    }

    public static Versioned<ChannelConnection>? OfBrand(Versioned<ChannelConnection>? account, string brandId) =>
        account is not null && string.Equals(account.Value.Account.BrandId, brandId, StringComparison.Ordinal) ? account : null;
}
