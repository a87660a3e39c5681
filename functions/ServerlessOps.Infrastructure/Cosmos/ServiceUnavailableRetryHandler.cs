using System.Net;
using Microsoft.Azure.Cosmos;
using Polly;
using Polly.Retry;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// Retries a Cosmos request answered 503 Service Unavailable three times, 100 ms doubling, jittered, before the caller
/// sees it. The SDK moves a 503 to another region and does not retry a write when the account has one region (its
/// <c>ClientRetryPolicy</c>); drill 3 saw every injected 503 reach our code, where it cost an activity retry (2 s and
/// up) or a queue redelivery (15-30 s), and 30 % faults for 20 s once used up all five attempts of an order flow's
/// activity and put the flow in its exception path.
/// </summary>
/// <remarks>
/// Sending a request again is safe here because every write of the app is already safe to repeat: documents have
/// deterministic ids (a create that had landed answers 409), replaces carry the ETag they read (412), upserts and
/// deletes are idempotent, and nothing is patched. The handler sits before the SDK's own retry handler, so 429s are
/// still the SDK's (<c>Cosmos:MaxRetryAttemptsOnRateLimit</c>) and a 503 is retried only after the SDK gave up on it.
/// </remarks>
internal sealed class ServiceUnavailableRetryHandler : RequestHandler
{
    private static readonly ResiliencePipeline<Answer> Retry = new ResiliencePipelineBuilder<Answer>()
        .AddRetry(new RetryStrategyOptions<Answer>
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
            ShouldHandle = new PredicateBuilder<Answer>().HandleResult(a => a.Response.StatusCode == HttpStatusCode.ServiceUnavailable),
        })
        .Build();

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The transport closes the body it sent, so each attempt gets a stream of its own over one copy of it.
        var body = request.Content is { } content ? await BodyOfAsync(content, cancellationToken) : (ArraySegment<byte>?)null;
        var answer = await Retry.ExecuteAsync(
            async token =>
            {
                if (body is { Array: { } bytes } segment)
                {
                    request.Content = new MemoryStream(bytes, segment.Offset, segment.Count, writable: false, publiclyVisible: true);
                }

                return new Answer(await base.SendAsync(request, token));
            },
            cancellationToken);
        return answer.Response;
    }

    /// <summary>
    /// The response, wrapped so the retry does not dispose a dropped 503: disposing a response disposes its request,
    /// which the next attempt sends again.
    /// </summary>
    private readonly record struct Answer(ResponseMessage Response);

    private static async Task<ArraySegment<byte>> BodyOfAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            return buffer[(int)memory.Position..];
        }

        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }
}
