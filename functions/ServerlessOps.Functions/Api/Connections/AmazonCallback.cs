using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;
using ServerlessOps.Infrastructure.Connections;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Functions.Api.Connections;

/// <summary>
/// GET /api/connect/amazon/callback?spapi_oauth_code&amp;state&amp;selling_partner_id: Seller Central's redirect after the
/// seller consented (website authorisation workflow). The state must be ours, unexpired and unused, and the seller the
/// one the admin named at the start (400); then the code
/// is exchanged at Login with Amazon (<c>grant_type=authorization_code</c>, with the redirect URI the consent page was
/// given) for the seller's refresh token, which is stored (never in configuration), and the account
/// <c>selling_partner_id</c> is created or updated for the state's brand (connected, audited). Answers the connection.
/// </summary>
public sealed class AmazonCallback(
    ConnectionStateStore states,
    ChannelTokenClients clients,
    ChannelConnector connector,
    IChannelTokenStore tokens,
    IOptionsMonitor<ChannelAppOptions> apps,
    ILogger<AmazonCallback> logger) : IHttpFunction
{
    private const string Template = "api/connect/amazon/callback";

    public static HttpRoute Route { get; } = HttpRoute.Get<AmazonCallback>(
        Template, RouteAccess.Protocol, "Amazon SP-API consent callback (single-use state): exchanges spapi_oauth_code for the seller's refresh token and connects the seller", "Connections") with
    {
        Response = typeof(ConnectionView),
        ProblemStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable],
    };

    [Function(nameof(AmazonCallback))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Template)] HttpRequest request) =>
        Route.DispatchAsync(request.HttpContext, this);

    public async Task<IResult> HandleAsync(HttpCall http, CancellationToken cancellationToken)
    {
        if (!apps.CurrentValue.Amazon.IsConfigured)
        {
            return Problems.Result(Problems.ChannelAppNotConfigured, "ChannelApps:Amazon:ClientId, ClientSecret and ApplicationId are not set: this deployment has no SP-API app.");
        }

        var query = ConnectionCallbacks.Query(http);
        var code = ConnectionCallbacks.Value(query, "spapi_oauth_code");
        var seller = ConnectionCallbacks.Value(query, "selling_partner_id")?.Trim();
        if (code is null || seller is null)
        {
            return ConnectionCallbacks.Refused(
                http, logger, SalesChannel.Amazon, Problems.InvalidParameter,
                "The callback needs 'spapi_oauth_code' and 'selling_partner_id': the seller did not consent, or this is not Seller Central's redirect.");
        }

        var check = await states.ConsumeAsync(SalesChannel.Amazon, ConnectionCallbacks.Value(query, "state"), cancellationToken);
        if (check.State is not { } state)
        {
            return ConnectionCallbacks.Refused(http, logger, SalesChannel.Amazon, Problems.AuthorizationStateInvalid, check.Refusal!);
        }

        // A state that names no seller was issued before starts required one: nothing would bind the consent to a seller.
        if (state.SellingPartnerId is not { } named)
        {
            return ConnectionCallbacks.Refused(
                http, logger, SalesChannel.Amazon, Problems.AuthorizationStateInvalid,
                "The connection was started without naming the selling partner: start it again with sellingPartnerId.");
        }

        if (!string.Equals(named, seller, StringComparison.OrdinalIgnoreCase))
        {
            return ConnectionCallbacks.Refused(
                http, logger, SalesChannel.Amazon, Problems.AuthorizationStateInvalid,
                $"The connection was started for selling partner '{named}', but the callback names '{seller}': start a connection for the seller who consents.");
        }

        ObtainedToken token;
        try
        {
            token = await clients.ExchangeAmazonCodeAsync(code, new Uri(state.RedirectUri), cancellationToken);
        }
        catch (Exception e) when (ConnectionCallbacks.IsChannelFailure(e))
        {
            return ConnectionCallbacks.ChannelFailure(http, logger, SalesChannel.Amazon, state.BrandId, e);
        }

        if (token.RefreshToken is null)
        {
            return ConnectionCallbacks.ChannelFailure(
                http, logger, SalesChannel.Amazon, state.BrandId,
                new TokenGrantRevokedException(SalesChannel.Amazon, "the code exchange answered no refresh_token"));
        }

        var account = new ChannelAccount(state.BrandId, SalesChannel.Amazon, seller);
        return await ConnectionCallbacks.RecordAsync(
            http, connector, tokens, state, account, token,
            current =>
            {
                var connection = ConnectionCallbacks.Base(current, account);
                if (state.WebhookSecret is { } secret && connection.Secret(SecretKind.WebhookSecret) is null)
                {
                    connection = connection.WithSecret(SecretKind.WebhookSecret, new ChannelSecret(secret));
                }

                if (state.CredentialHeader is { Length: > 0 } header && (connection.Webhook ?? WebhookSettings.None).CredentialHeader is null)
                {
                    connection = connection with { Webhook = (connection.Webhook ?? WebhookSettings.None) with { CredentialHeader = header } };
                }

                return connection;
            },
            cancellationToken);
    }
}
