namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>
/// An instance whose token refreshes are answered slowly: once <see cref="Delay"/> is set, a refresh's answer reaches the
/// instance that long after the channel gave it (the channel has already rotated the refresh token by then), as over a
/// congested network. Added to the token client's handlers, inside its resilience pipeline, so its timeouts still apply.
/// </summary>
internal sealed class SlowTokenAnswers
{
    private long _delayTicks;

    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>A new handler for the client factory (each handler chain needs its own instance).</summary>
    public DelegatingHandler Handler() => new Slow(this);

    private sealed class Slow(SlowTokenAnswers owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var delay = owner.Delay;
            if (delay > TimeSpan.Zero && request.RequestUri?.AbsolutePath.EndsWith("/token/refresh", StringComparison.Ordinal) == true)
            {
                await Task.Delay(delay, cancellationToken);
            }

            return response;
        }
    }
}
