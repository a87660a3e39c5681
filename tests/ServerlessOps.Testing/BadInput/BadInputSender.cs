namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// Sends the corpus with a bounded number of requests in flight and records every answer. Calls whose headers HttpClient
/// refuses go over <see cref="RawHttp"/> when the app listens on a socket (<paramref name="rawConnections"/>); in process
/// (TestServer) they go through HttpClient unvalidated, so the app itself sees the raw value.
/// </summary>
public static class BadInputSender
{
    private const int MaxBodyShown = 2_000;

    public static async Task<IReadOnlyList<BadInputAnswer>> SendAsync(
        HttpClient http, IReadOnlyList<BadInputCall> calls, int concurrency, bool rawConnections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(calls);
        var baseAddress = http.BaseAddress ?? throw new ArgumentException("The client needs a base address.", nameof(http));
        var answers = new BadInputAnswer[calls.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, calls.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, ct) => answers[index] = await SendOneAsync(http, baseAddress, calls[index], rawConnections, ct));
        return answers;
    }

    /// <summary>
    /// Waits until the app answers webhooks from its brand registry (a probe from an unknown shop gets its 403, not the 503
    /// of a registry still loading), so start-up is not mistaken for an answer to bad input.
    /// </summary>
    public static async Task WaitUntilReadyAsync(HttpClient http, TimeSpan within, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var probe = new BadInputCall("probe", "unknown shop", "/api/webhooks/shopify", new Dictionary<string, string>
        {
            ["X-Shopify-Topic"] = "orders/create", ["X-Shopify-Hmac-Sha256"] = "AAAA", ["X-Shopify-Shop-Domain"] = "probe.myshopify.com", ["X-Shopify-Webhook-Id"] = "probe",
        }, "application/json", "{}"u8.ToArray());
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var answer = await SendOnceAsync(http, http.BaseAddress!, probe, rawConnections: false, cancellationToken);
            if (answer.Status is > 0 and not 503)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The app still answers {answer.Status} after {within.TotalSeconds} s: {answer.Body}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>
    /// A 503 with Retry-After says storage is busy and nothing was stored or acknowledged; every channel retries it, and so
    /// does this sender, up to <see cref="Max503Retries"/> times after the advised delay (at most 5 s): the final answer counts.
    /// </summary>
    public const int Max503Retries = 5;

    private static async Task<BadInputAnswer> SendOneAsync(HttpClient http, Uri baseAddress, BadInputCall call, bool rawConnections, CancellationToken cancellationToken)
    {
        for (var retried = 0; ; retried++)
        {
            var (answer, retryAfter) = await SendOnceWithRetryAfterAsync(http, baseAddress, call, rawConnections, cancellationToken);
            if (answer.Status != 503 || retryAfter is null || retried == Max503Retries)
            {
                return answer with { Retried503 = retried };
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(retryAfter.Value.TotalSeconds, 0.2, 5)), cancellationToken);
        }
    }

    private static async Task<BadInputAnswer> SendOnceAsync(HttpClient http, Uri baseAddress, BadInputCall call, bool rawConnections, CancellationToken cancellationToken) =>
        (await SendOnceWithRetryAfterAsync(http, baseAddress, call, rawConnections, cancellationToken)).Answer;

    private static async Task<(BadInputAnswer Answer, TimeSpan? RetryAfter)> SendOnceWithRetryAfterAsync(HttpClient http, Uri baseAddress, BadInputCall call, bool rawConnections, CancellationToken cancellationToken)
    {
        try
        {
            if (call.NeedsRawConnection && rawConnections)
            {
                var (status, contentType, text) = await RawHttp.SendAsync(baseAddress, call, cancellationToken);
                var problem = contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase);

                // Kestrel refuses a malformed request line or header itself, with an empty 400 that is not the app's.
                return (new BadInputAnswer(call, status, problem, Shorten(text), ByServer: status == 400 && !problem), status == 503 ? TimeSpan.FromSeconds(1) : null);
            }

            using var request = call.ToRequest(baseAddress);
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var media = response.Content.Headers.ContentType?.MediaType;
            var retryAfter = response.Headers.RetryAfter is { } advice ? advice.Delta ?? TimeSpan.FromSeconds(1) : (TimeSpan?)null;
            return (new BadInputAnswer(call, (int)response.StatusCode, string.Equals(media, "application/problem+json", StringComparison.OrdinalIgnoreCase), Shorten(body)), retryAfter);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or TaskCanceledException or InvalidOperationException or FormatException
            && !cancellationToken.IsCancellationRequested)
        {
            return (new BadInputAnswer(call, 0, false, $"{e.GetType().Name}: {e.Message}"), null);
        }
    }

    private static string Shorten(string text) => text.Length <= MaxBodyShown ? text : text[..MaxBodyShown];
}
