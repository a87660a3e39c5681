using System.Security.Cryptography;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Api.Connections;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Benchmarks.Drills.Access;

/// <summary>
/// The registry and connection changes, as the admin: the brand edited twice (two actions), a second Shopify shop
/// registered, its app secret rotated twice (two actions), the rotation ended and the shop disconnected, a TikTok Shop
/// connection started, and Walmart's client credentials entered and verified. A change guarded by If-Match is retried
/// with the same ETag, as a client that lost the answer would: refused (412), it must log nothing. Every secret entered
/// is drawn for the run and joins the leak scan.
/// </summary>
internal sealed partial class AccessActions
{
    /// <summary>A shop of acme's the drill adds and then changes, so the scenario's own accounts keep taking webhooks as before.</summary>
    private const string AnnexShop = "drill-annex.myshopify.com";

    private async Task ChangeRegistryAsync(CancellationToken cancellationToken)
    {
        await EditBrandAsync("Acme Outfitters (drill)", cancellationToken);
        await EditBrandAsync(accounts.BrandDisplayName, cancellationToken);

        var annex = $"api/brands/acme/accounts/shopify/{AnnexShop}";
        var created = new { secrets = new { appSecret = new { value = Draw() } } };
        await TwiceAsync(nameof(PutChannelAccount), "acme", keys.AdminAcme, () => Json(HttpMethod.Put, annex, created), cancellationToken);
        await IfMatchTwiceAsync(nameof(RotateChannelSecret), annex, HttpMethod.Post, $"{annex}/secrets/app-secret/rotate", new { value = Draw() }, cancellationToken);
        await IfMatchTwiceAsync(nameof(RotateChannelSecret), annex, HttpMethod.Post, $"{annex}/secrets/app-secret/rotate", new { value = Draw() }, cancellationToken);
        await IfMatchTwiceAsync(nameof(DropPreviousChannelSecret), annex, HttpMethod.Delete, $"{annex}/secrets/app-secret/previous", null, cancellationToken);
        await TwiceAsync(nameof(DisconnectChannelAccount), "acme", keys.AdminAcme, () => new HttpRequestMessage(HttpMethod.Post, $"{annex}/disconnect"), cancellationToken);

        await TwiceAsync(nameof(StartConnection), "acme", keys.AdminAcme, () => Json(HttpMethod.Post, "api/brands/acme/connections/tiktok", new { }), cancellationToken);
        await VerifyWalmartAsync(cancellationToken);
    }

    private Task EditBrandAsync(string displayName, CancellationToken cancellationToken) =>
        IfMatchTwiceAsync(nameof(UpdateBrand), "api/brands/acme", HttpMethod.Put, "api/brands/acme", new { displayName }, cancellationToken);

    /// <summary>
    /// Walmart has no authorisation redirect: the admin enters the seller's client id and secret on the account (a change
    /// to it), then verifies them, which obtains a token from the stub with them.
    /// </summary>
    private async Task VerifyWalmartAsync(CancellationToken cancellationToken)
    {
        var walmart = $"api/brands/acme/accounts/walmart/{accounts.WalmartPartnerId}";
        var clientId = "drill-walmart-client-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var clientSecret = Draw();
        marketplace.Tokens.RegisterWalmartClient(accounts.WalmartPartnerId, clientId, clientSecret);
        await IfMatchTwiceAsync(
            nameof(PutChannelAccount), walmart, HttpMethod.Put, walmart,
            new { secrets = new { clientId = new { value = clientId }, clientSecret = new { value = clientSecret } } }, cancellationToken);
        await TwiceAsync(nameof(VerifyWalmartConnection), "acme", keys.AdminAcme,
            () => new HttpRequestMessage(HttpMethod.Post, $"api/brands/acme/connections/walmart/{accounts.WalmartPartnerId}/verify"), cancellationToken);
    }

    /// <summary>Reads <paramref name="resource"/>'s ETag as the admin, then sends the change with If-Match, twice.</summary>
    private async Task IfMatchTwiceAsync(string routeName, string resource, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, resource);
        read.Headers.Add(LocalStackSettings.ApiKeyHeader, keys.AdminAcme);
        using var response = await http.SendAsync(read, cancellationToken);
        answers.Add(await response.Content.ReadAsStringAsync(cancellationToken));
        if (response.Headers.ETag is not { } etag)
        {
            NotPerformed.Add($"{routeName}: GET {resource} answered {(int)response.StatusCode} without an ETag");
            return;
        }

        await TwiceAsync(routeName, "acme", keys.AdminAcme, () =>
        {
            var request = body is null ? new HttpRequestMessage(method, path) : Json(method, path, body);
            request.Headers.IfMatch.Add(etag);
            return request;
        }, cancellationToken);
    }

    /// <summary>A secret value drawn for the run and remembered, so the scan can tell if it ever comes back out.</summary>
    private string Draw()
    {
        var value = "drill-secret-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Secrets.Add(value);
        return value;
    }
}
