using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>One answer of a token endpoint: the status, the body and the channel's request id.</summary>
public sealed record TokenEndpointAnswer(HttpStatusCode Status, JsonElement? Json, string? RequestId)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public string? Text(string name) =>
        Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public long? Number(string name) =>
        Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out var n) => n,
                JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
                _ => null,
            }
            : null;

    /// <summary>OAuth's <c>error</c> and <c>error_description</c>, shortened to one line; never a token (the endpoints do not echo them).</summary>
    public string ErrorText()
    {
        var error = Text("error") ?? Text("message") ?? "(no error code)";
        var description = Text("error_description");
        var text = description is null ? error : $"{error}: {description}";
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 200 ? text : text[..200] + "...";
    }
}

/// <summary>
/// Sends token requests through the named client <see cref="HttpClientName"/> (its own resilience pipeline, no
/// request logging: the token APIs take secrets in the body, and TikTok's in the query string) and sorts what is left
/// after the retries: a timeout, no connection, 408, 429 or 5xx is <see cref="ChannelApiUnavailableException"/>;
/// anything else comes back for the channel's client to read. Messages name the operation, never a URL's query.
/// </summary>
public sealed class TokenEndpoint(IHttpClientFactory httpClientFactory, ILogger<TokenEndpoint> logger)
{
    public const string HttpClientName = "channel-tokens";

    public async Task<TokenEndpointAnswer> SendAsync(
        SalesChannel channel, string operation, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken, string requestIdHeader = "x-amzn-RequestId")
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        using var request = createRequest();
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException or OperationCanceledException)
        {
            var reason = ex is HttpRequestException ? "no answer" : "timed out";
            logger.TokenEndpointUnavailable(channel, operation, reason);
            throw new ChannelApiUnavailableException(channel, operation, null, null, $"{channel} {operation}: {reason} after every retry; retry later.", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement? json = null;
            try
            {
                using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "null" : text);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // A gateway's HTML error page: the status decides.
            }

            var requestId = response.Headers.TryGetValues(requestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
            var answer = new TokenEndpointAnswer(response.StatusCode, json, null);
            answer = answer with { RequestId = requestId ?? answer.Text("request_id") };
            var status = (int)response.StatusCode;
            if (status is 408 or 429 || status >= 500)
            {
                logger.TokenEndpointUnavailable(channel, operation, $"{status} {response.StatusCode}");
                throw new ChannelApiUnavailableException(
                    channel, operation, response.StatusCode, answer.RequestId, $"{channel} {operation} answered {status} {response.StatusCode} after every retry; retry later.");
            }

            return answer;
        }
    }

    /// <summary>The refusal of a call for the app's own credentials or a malformed request: permanent, an operator's to mend.</summary>
    public ChannelApiException Refused(SalesChannel channel, string operation, TokenEndpointAnswer answer, string what)
    {
        ArgumentNullException.ThrowIfNull(answer);
        logger.TokenEndpointRefused(channel, operation, (int)answer.Status, answer.ErrorText());
        return new ChannelApiException(
            channel, operation, answer.Status, answer.RequestId,
            $"{channel} {operation} answered {(int)answer.Status} ({answer.ErrorText()}, request id {answer.RequestId ?? "none"}): {what}");
    }

    /// <summary>An answer that says success but lacks what a token answer must hold.</summary>
    public static ChannelApiException Malformed(SalesChannel channel, string operation, TokenEndpointAnswer answer, string missing) =>
        new(channel, operation, answer.Status, answer.RequestId, $"{channel} {operation} answered {(int)answer.Status} without {missing}; the answer cannot be used.");

    /// <summary>Seconds from now, or an absolute Unix time when the value is one (TikTok's <c>*_expire_in</c> are absolute).</summary>
    public static DateTimeOffset ExpiryFrom(long value, DateTimeOffset now) =>
        value > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(value) : now.AddSeconds(value);
}
