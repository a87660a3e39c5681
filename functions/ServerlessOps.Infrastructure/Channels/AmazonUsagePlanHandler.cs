using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Paces every attempt of an Amazon call by its operation's usage plan for the calling seller account
/// (<see cref="AmazonUsagePlan"/>, <see cref="AmazonUsagePlans"/>). It sits inside the retry pipeline, so a retry takes a
/// token like a first call: an order whose reads keep failing cannot call Amazon faster than the plan allows. When an
/// account's queue is full the call is answered 429 here, with the plan's refill time as Retry-After, and never sent.
/// </summary>
internal sealed partial class AmazonUsagePlanHandler(AmazonUsagePlans plans, IOptionsMonitor<ChannelApiOptions> options, ILogger<AmazonUsagePlanHandler> logger) : DelegatingHandler
{
    /// <summary>The seller account a request is made for, set by <see cref="AmazonRequest.Create"/>.</summary>
    public static readonly HttpRequestOptionsKey<string> SellerAccount = new("serverlessops.amazon.seller-account");

    /// <summary>Marks a 429 answered here rather than by Amazon.</summary>
    public const string PacedHeader = "x-serverlessops-usage-plan";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.PaceAmazonUsagePlans
            || !request.Options.TryGetValue(SellerAccount, out var account)
            || request.RequestUri is not { } uri
            || AmazonUsagePlan.For(request.Method, uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0]) is not { } plan)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var lease = await plans.AcquireAsync(account, plan, cancellationToken);
        if (!lease.IsAcquired)
        {
            CallHeldBack(logger, plan.Operation, account, plan.PerSecond, plan.Burst);
            var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(plan.RefillEvery);
            answer.Headers.TryAddWithoutValidation(PacedHeader, plan.Operation);
            return answer;
        }

        return await base.SendAsync(request, cancellationToken);
    }

    [LoggerMessage(EventId = 2290, Level = LogLevel.Warning, Message = "Amazon {Operation} for seller account {Account} held back: a burst's worth of calls already waits for the usage plan ({PerSecond}/s, burst {Burst}); answered 429 without calling Amazon")]
    private static partial void CallHeldBack(ILogger logger, string operation, string account, double perSecond, int burst);
}
