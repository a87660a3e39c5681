using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// The circuit breaker of a channel client's pipeline. Each client (order reads, the backstop, settlements, pushes...)
/// keeps one pipeline per channel account (<see cref="KeyOf"/>), so one seller's outage never refuses another seller's
/// calls. It sits inside the retries and outside the attempt timeout and <see cref="AmazonUsagePlanHandler"/>: while open,
/// every attempt is refused at once with a <c>BrokenCircuitException</c>, which the retries do not retry, without a
/// network call and without a usage-plan token, so a delivery whose channel is down spends its queue attempts at the
/// queue's pace instead of the plan's (drill 3: paced, 60 failing Amazon deliveries needed ~40 minutes of 0.5/s reads to
/// dead-letter). After the break one probe call goes out; its success closes the circuit.
/// </summary>
/// <remarks>
/// Counted as failures: 5xx, 408, no answer and attempt timeouts that reached the channel. Not counted: 429 (the channel
/// is up and throttling, and Retry-After already paces us) and a timeout spent waiting for a usage-plan token (our own
/// pacing, <see cref="MarkReachedChannel"/>).
/// </remarks>
internal static class ChannelCircuitBreaker
{
    private static readonly ResiliencePropertyKey<bool> ReachedChannel = new("serverlessops.channel.reached");

    /// <summary>The circuit a request belongs to: its account when its factory named one, else its host (a Shopify shop's own).</summary>
    public static string KeyOf(HttpRequestMessage request) =>
        ChannelApiAccount.Of(request) is { } account ? $"account {account}" : $"host {request.RequestUri?.Authority ?? "(none)"}";

    /// <summary>Says whether the current attempt got past our pacing to the channel; unmarked attempts count as having reached it.</summary>
    public static void MarkReachedChannel(HttpRequestMessage request, bool reached) =>
        request.GetResilienceContext()?.Properties.Set(ReachedChannel, reached);

    /// <param name="circuit">The pipeline's instance key (<see cref="KeyOf"/>), named in the events.</param>
    public static void Add(ResiliencePipelineBuilder<HttpResponseMessage> builder, ChannelCircuitBreakerOptions options, SalesChannel channel, string circuit, ILogger logger)
    {
        var breakDuration = TimeSpan.FromSeconds(options.BreakDurationSeconds);
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(options.SamplingDurationSeconds),
            BreakDuration = breakDuration,
            ShouldHandle = args => new ValueTask<bool>(IsFailure(args.Outcome, args.Context)),
            OnOpened = args =>
            {
                logger.CircuitOpened(channel, circuit, Describe(args.Outcome), (int)args.BreakDuration.TotalSeconds);
                return default;
            },
            OnHalfOpened = args =>
            {
                logger.CircuitProbing(channel, circuit);
                return default;
            },
            OnClosed = args =>
            {
                logger.CircuitClosed(channel, circuit);
                return default;
            },
        });
    }

    private static bool IsFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => false,
        { Exception: TimeoutRejectedException } => context.Properties.GetValue(ReachedChannel, true),
        _ => HttpClientResiliencePredicates.IsTransient(outcome),
    };

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"{(int)response.StatusCode} {response.StatusCode}" : outcome.Exception?.GetType().Name ?? "unknown";
}
