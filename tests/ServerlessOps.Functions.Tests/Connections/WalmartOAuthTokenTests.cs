using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ServerlessOps.Functions.Tests.Admin;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>
/// Our token endpoint for Walmart subscriptions with <c>authMethod=OAUTH</c> (CHANNELS.md 3.2): Walmart trades the client
/// id and secret we gave it for a bearer, then sends the bearer with every delivery; any instance accepts a bearer any
/// instance issued, and every wrong request is an OAuth error as problem+json.
/// </summary>
public sealed class WalmartOAuthTokenTests(FunctionAppFixture fixture)
{
    private const string ClientCredential = "walmart-subscription-client:s3cret-given-to-walmart";

    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default;

    private static readonly string TokenPath = $"api/webhooks/walmart/{Accounts.WalmartPartnerId}/oauth/token";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WalmartOAuthSubscription_TokenIssuedByOneInstance_DeliveryWithTheBearerAcceptedByAnother()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        var first = harness.Instance();
        var second = harness.Instance();
        using var client = ConnectionHarness.Client(first);
        await UseOAuthAsync(client);

        using var answer = await client.SendAsync(TokenRequest(Basic(ClientCredential)), Token);

        var body = Json.Parse(await answer.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(("Bearer", 3600), (body.Str("token_type"), body.Number("expires_in")));
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        using var other = ConnectionHarness.Client(second);
        await Poll.UntilAsync(
            async _ =>
            {
                using var delivery = await SendDeliveryAsync(other, "Bearer " + body.Str("access_token"));
                return delivery.StatusCode == HttpStatusCode.OK ? "accepted" : null;
            },
            "the second instance to accept the bearer the first issued (its registry cache follows the change feed)");
    }

    [Fact]
    public async Task WalmartOAuthDelivery_ForgedOrMissingBearer_Refused401()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());
        await UseOAuthAsync(client);

        foreach (var presented in new[] { "Bearer wmo1.9999999999.AAAAAAAAAAAAAAAAAAAAAA.AAAA", "Bearer ", Basic(ClientCredential) })
        {
            using var refused = await SendDeliveryAsync(client, presented);
            await Problem.AssertAsync(refused, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task WalmartTokenEndpoint_BadRequests_AnswerOAuthErrorsAsProblemJson()
    {
        await using var harness = await ConnectionHarness.StartAsync(fixture);
        using var client = ConnectionHarness.Client(harness.Instance());

        // The account still authenticates with a shared header: no token is issued for it.
        using (var notOAuth = await client.SendAsync(TokenRequest(Basic(ClientCredential)), Token))
        {
            await AssertOAuthErrorAsync(notOAuth, HttpStatusCode.Unauthorized, "client-authentication-failed", "invalid_client");
        }

        await UseOAuthAsync(client);
        var cases = new (HttpRequestMessage Request, HttpStatusCode Status, string Type, string Error)[]
        {
            (TokenRequest(Basic("walmart-subscription-client:wrong")), HttpStatusCode.Unauthorized, "client-authentication-failed", "invalid_client"),
            (TokenRequest(null), HttpStatusCode.Unauthorized, "client-authentication-failed", "invalid_client"),
            (TokenRequest(Basic(ClientCredential), "grant_type=password&username=x&password=y"), HttpStatusCode.BadRequest, "unsupported-grant-type", "unsupported_grant_type"),
            (TokenRequest(Basic(ClientCredential), "{\"grant_type\":\"client_credentials\"}", "application/json"), HttpStatusCode.BadRequest, "invalid-parameter", "invalid_request"),
            (TokenRequest(Basic(ClientCredential), path: "api/webhooks/walmart/99999999999/oauth/token"), HttpStatusCode.Unauthorized, "client-authentication-failed", "invalid_client"),
        };
        foreach (var (request, status, type, error) in cases)
        {
            using (request)
            using (var response = await client.SendAsync(request, Token))
            {
                await AssertOAuthErrorAsync(response, status, type, error);
            }
        }

        using var huge = await client.SendAsync(TokenRequest(Basic(ClientCredential), "grant_type=client_credentials&pad=" + new string('x', 10_000)), Token);
        await Problem.AssertOfTypeAsync(huge, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    /// <summary>The admin switches the scenario's Walmart account to OAUTH: the credential given to Walmart becomes its webhook secret.</summary>
    private static async Task UseOAuthAsync(HttpClient client)
    {
        var api = new AdminApi(client);
        var path = $"api/brands/acme/accounts/walmart/{Accounts.WalmartPartnerId}";
        var current = (await api.GetAsync(path)).Expect(HttpStatusCode.OK);
        (await api.PutAsync(path, new
        {
            webhook = new { authMethod = "OAuth", credentialHeader = "Authorization" },
            secrets = new { webhookSecret = new { value = ClientCredential } },
        }, current.ETag)).Expect(HttpStatusCode.OK);
    }

    private static HttpRequestMessage TokenRequest(string? authorization, string body = "grant_type=client_credentials", string contentType = "application/x-www-form-urlencoded", string? path = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path ?? TokenPath)
        {
            Content = new StringContent(body, Encoding.Latin1, contentType),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private static string Basic(string credential) => "Basic " + WebhookSigner.BasicCredential(credential);

    private static async Task<HttpResponseMessage> SendDeliveryAsync(HttpClient client, string authorization)
    {
        var eventId = Deliveries.NewId();
        var signed = WebhookSigner.Walmart(
            Deliveries.WalmartPoCreated(Deliveries.NewWalmartPurchaseOrderId(), eventId), eventId, Accounts.WalmartPartnerId,
            WalmartAuthMethod.Header, authorization, "Authorization");
        using var request = signed.ToRequest(client.BaseAddress!);
        return await client.SendAsync(request, Token);
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string error)
    {
        await Problem.AssertOfTypeAsync(response, status, type);
        Assert.Equal(error, Json.Parse(await response.Content.ReadAsStringAsync(Token)).Str("error"));
    }
}
