using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Signatures;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// POST /api/webhooks/walmart/{partnerId}/oauth/token: our token endpoint for Walmart subscriptions with
/// <c>authMethod=OAUTH</c> (CHANNELS.md 3.2; register <c>https://{host}/api/webhooks/walmart/{partnerId}/oauth/token</c> as
/// the subscription's <c>authUrl</c>). Walmart posts <c>grant_type=client_credentials</c> with the client id and secret we
/// gave it as Basic credentials in the subscription's <c>authHeaderName</c> (the account's <c>webhook.credentialHeader</c>,
/// the same header its deliveries then carry the bearer in; <c>Authorization</c> is accepted too); they must equal the account's webhook secret <c>client-id:client-secret</c> (current or, mid-
/// rotation, previous), compared in constant time. The answer is an OAuth token response with a bearer we sign
/// (<see cref="WalmartBearerToken"/>), good for <c>ChannelApps:Walmart:BearerTokenLifetime</c>; the webhook edge accepts
/// it from any instance until then. Refusals are problem+json carrying OAuth's <c>error</c> code.
/// </summary>
public sealed class WalmartOAuthToken(IBrandDirectorySource brands, IOptionsMonitor<ChannelAppOptions> apps, TimeProvider time, ILogger<WalmartOAuthToken> logger)
    : IHttpFunction
{
    private const string Template = "api/webhooks/walmart/{partnerId}/oauth/token";

    /// <summary>A client-credentials request is a few dozen bytes; anything near this is not Walmart's.</summary>
    private const int MaxBodyBytes = 8 * 1024;

    public static HttpRoute Route { get; } = HttpRoute.Post<WalmartOAuthToken>(
        Template, RouteAccess.Protocol, "Token endpoint for Walmart OAUTH subscriptions: client credentials in, a short-lived bearer out", "Webhooks") with
    {
        Response = typeof(WalmartTokenAnswer),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge],
    };

    [Function(nameof(WalmartOAuthToken))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        var partnerId = http.RouteValue("partnerId").Trim();
        if (!brands.Current.TryResolve(SalesChannel.Walmart, partnerId, out var registration) || !registration.AcceptsWebhooks
            || !string.Equals(registration.Credentials.AuthMethod, WalmartAuthMethods.OAuth, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(http, partnerId, $"Walmart partner '{partnerId}' is not a connected account with auth method OAuth: no token is issued for it.");
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Problems.Result(Problems.BodyTooLarge, $"A token request is limited to {MaxBodyBytes} bytes.");
        }

        if (http.Request.ContentType is not { } type || !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthProblem(Problems.InvalidParameter, "invalid_request", $"Send 'application/x-www-form-urlencoded' (grant_type=client_credentials); received '{http.Request.ContentType}'.");
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.Latin1);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (body.Length > MaxBodyBytes)
        {
            return Problems.Result(Problems.BodyTooLarge, $"A token request is limited to {MaxBodyBytes} bytes.");
        }

        var form = QueryHelpers.ParseQuery(body);
        if (!form.TryGetValue("grant_type", out var grant) || !string.Equals(grant.ToString(), "client_credentials", StringComparison.Ordinal))
        {
            logger.WalmartTokenRefused(partnerId, "unsupported grant type");
            return OAuthProblem(Problems.UnsupportedGrantType, "unsupported_grant_type", $"Only grant_type=client_credentials is issued here; received '{grant}'.");
        }

        var credentials = registration.Credentials;
        var header = string.IsNullOrWhiteSpace(credentials.CredentialHeader) ? WalmartAuthMethods.DefaultHeader : credentials.CredentialHeader.Trim();
        var presented = http.Request.Headers[header].ToString() is { Length: > 0 } value ? value : http.Request.Headers.Authorization.ToString();
        if (!BasicCredential.Matches(presented, credentials.Secrets, prefixOptional: true))
        {
            return Unauthorized(http, partnerId, $"The client credentials in '{header}' are missing or are not those given to Walmart for partner '{partnerId}'.");
        }

        var lifetime = apps.CurrentValue.Walmart.BearerTokenLifetime;
        var expiresAt = time.GetUtcNow() + lifetime;
        var token = WalmartBearerToken.Issue(credentials.Secrets[0], expiresAt, RandomNumberGenerator.GetBytes(16));
        logger.WalmartTokenIssued(partnerId, registration.Account.BrandId, expiresAt);
        http.Context.Response.Headers.CacheControl = "no-store";
        http.Context.Response.Headers.Pragma = "no-cache";
        return TypedResults.Ok(new WalmartTokenAnswer(token, WalmartBearerToken.Scheme, (long)lifetime.TotalSeconds));
    }

    private IResult Unauthorized(HttpCall http, string partnerId, string detail)
    {
        logger.WalmartTokenRefused(partnerId, detail);
        http.Context.Response.Headers.WWWAuthenticate = "Basic realm=\"walmart\"";
        return OAuthProblem(Problems.ClientAuthenticationFailed, "invalid_client", detail);
    }

    private static IResult OAuthProblem(ProblemType type, string error, string detail) =>
        Problems.Result(type, detail, new Dictionary<string, object?> { ["error"] = error });
}
