using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Paces every attempt of an Amazon call by its operation's usage plan for the calling seller account
/// (<see cref="AmazonUsagePlan"/>, <see cref="AmazonUsagePlans"/>). It sits inside the retry pipeline, so a retry takes a
/// token like a first call: an order whose reads keep failing cannot call Amazon faster than the plan allows. When an
/// account's queue is full the call is answered 429 here, with the plan's refill time as Retry-After, and never sent. It
/// sits inside the account's circuit breaker too (<see cref="ChannelCircuitBreaker"/>): a call refused by an open circuit
/// never reaches it and takes no token.
/// </summary>
internal sealed partial class AmazonUsagePlanHandler(AmazonUsagePlans plans, IOptionsMonitor<ChannelApiOptions> options, ILogger<AmazonUsagePlanHandler> logger) : DelegatingHandler
{
    /// <summary>Marks a 429 answered here rather than by Amazon.</summary>
    public const string PacedHeader = "x-serverlessops-usage-plan";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.PaceAmazonUsagePlans
            || ChannelApiAccount.Of(request) is not { } account
            || request.RequestUri is not { } uri
            || AmazonUsagePlan.For(request.Method, uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0]) is not { } plan)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        // While it waits for a token the call has not reached Amazon: an attempt timeout here is our pacing, not Amazon
        // failing, and must not count towards opening the account's circuit.
        ChannelCircuitBreaker.MarkReachedChannel(request, false);
        using var lease = await plans.AcquireAsync(account, plan, cancellationToken);
        if (!lease.IsAcquired)
        {
            CallHeldBack(logger, plan.Operation, account, plan.PerSecond, plan.Burst);
            var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(plan.RefillEvery);
            answer.Headers.TryAddWithoutValidation(PacedHeader, plan.Operation);
            return answer;
        }

        ChannelCircuitBreaker.MarkReachedChannel(request, true);
        return await base.SendAsync(request, cancellationToken);
    }

    [LoggerMessage(EventId = 2290, Level = LogLevel.Warning, Message = "Amazon {Operation} for seller account {Account} held back: a burst's worth of calls already waits for the usage plan ({PerSecond}/s, burst {Burst}); answered 429 without calling Amazon")]
    private static partial void CallHeldBack(ILogger logger, string operation, string account, double perSecond, int burst);
}
