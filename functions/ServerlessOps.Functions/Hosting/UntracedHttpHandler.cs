using OpenTelemetry;

namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// Sends without tracing: the HTTP client span records the full URL, and some URLs are secrets themselves (a chat
/// incoming webhook's path is its token). Within this handler's call the OpenTelemetry SDK samples nothing out, so
/// no span of the request reaches the exporter; the caller logs the outcome instead.
/// </summary>
public sealed class UntracedHttpHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var scope = SuppressInstrumentationScope.Begin();
        return await base.SendAsync(request, cancellationToken);
    }
}
