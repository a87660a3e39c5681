using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// Posts notification bodies to <see cref="AlertOptions.WebhookUrl"/> through <see cref="AlertWebhookResilience"/>
/// (retries with back-off, per-attempt and total timeouts). Answers rather than throws: a failing chat endpoint is
/// an expected outcome the sender records and the retry timer retries.
/// </summary>
public sealed class AlertWebhookClient
{
    private readonly HttpClient _http;
    private readonly IOptionsMonitor<AlertOptions> _options;

    public AlertWebhookClient(HttpClient http, IOptionsMonitor<AlertOptions> options)
    {
        _http = http;
        _options = options;
    }

    /// <returns>Null when the endpoint answered 2xx; otherwise what went wrong.</returns>
    public async Task<AlertWebhookFailure?> PostAsync(string json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        var url = _options.CurrentValue.WebhookUrl.Trim();
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await _http.PostAsync(new Uri(url, UriKind.Absolute), content, cancellationToken);
            return response.IsSuccessStatusCode
                ? null
                : new AlertWebhookFailure($"the chat endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}", (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return new AlertWebhookFailure($"the chat endpoint could not be reached ({e.HttpRequestError})", null);
        }
        catch (TimeoutRejectedException)
        {
            return new AlertWebhookFailure("the chat endpoint did not answer in time", null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AlertWebhookFailure("the chat endpoint did not answer in time", null);
        }
    }
}
