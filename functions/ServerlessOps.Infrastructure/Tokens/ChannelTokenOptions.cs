using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>Section <c>ChannelTokens</c>: how outbound access tokens are cached and refreshed (<see cref="ChannelTokenService"/>).</summary>
public sealed class ChannelTokenOptions
{
    public const string SectionName = "ChannelTokens";

    /// <summary>
    /// A token is refreshed once it has less than this left, so no call goes out with a token about to lapse in flight.
    /// Default 5 min; 0 to 30 min. Walmart's tokens last 15 min, so with the default one is used for 10.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan RefreshSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one instance may hold an account's refresh lease (the token document's <c>lease</c>): long enough for
    /// one token call with its retries; after it, another instance may take over a refresh that died. Default 30 s; 1 s to 5 min.
    /// A lease is never written shorter than <see cref="RefreshLease"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed, after a token call, to store its answer under the lease.</summary>
    public static TimeSpan StoreAllowance { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest one token call can take, its retries and back-offs included: the token client's total timeout.</summary>
    public TimeSpan TokenCallLimit => TimeSpan.FromSeconds((TimeoutSeconds * (MaxRetries + 1)) + 5);

    /// <summary>
    /// How long a refresh lease is written for: <see cref="LeaseDuration"/>, but never less than a token call can take
    /// (<see cref="TokenCallLimit"/>) and the storing of its answer (<see cref="StoreAllowance"/>). A lease that lapsed
    /// while its holder's call was still out would let another instance present the same refresh token: TikTok rotates
    /// it without grace, so that instance is refused and marks a working grant revoked, and the holder's answer, the only
    /// good refresh token, is dropped by its write's 412. With the defaults a call can take 35 s, longer than 30 s.
    /// </summary>
    public TimeSpan RefreshLease => LeaseDuration >= TokenCallLimit + StoreAllowance ? LeaseDuration : TokenCallLimit + StoreAllowance;

    /// <summary>How often a caller re-reads the token document while another instance refreshes. Default 250 ms; 10 ms to 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a caller waits for a refresh (its own instance's or another's) before it fails as unavailable (the
    /// delivery goes back to its queue). Default 45 s; 1 s to 5 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How long an instance trusts what it read about an account without a token (an access token entered by hand, or
    /// nothing) or with a revoked grant before reading its token document again; a change of the account in the registry
    /// (a connection, a re-authorisation) makes it read at once. Also how long a token obtained because the channel refused
    /// its predecessor is not renewed again when refused in turn (at most one token call per interval per account and instance
    /// while a channel refuses every token). Default 30 s; 1 s to 10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one token endpoint attempt, in seconds. Default 10; 1 to 60.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Retries of a token call that timed out or met 408, 429 or 5xx. Default 2; 0 to 5. Never a refused grant.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First back-off before a retried token call, in milliseconds, doubled with jitter. Default 500; 1 to 10000.</summary>
    [Range(1, 10_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;
}
