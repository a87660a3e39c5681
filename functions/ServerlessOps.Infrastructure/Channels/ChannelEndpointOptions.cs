using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>One channel API: where it is and how patiently it is called.</summary>
public sealed class ChannelEndpointOptions
{
    /// <summary>Absolute http(s) URL of the API host; a path, if any, is kept as a prefix.</summary>
    [Required]
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>Timeout of one attempt, in seconds. Default 10; 1-120.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Retries after the first attempt for 429, 408, 5xx and timeouts. Default 3; 0-10 (0 = no retry).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Budget for all attempts and waits together, in seconds. Default 60; 1-600. A queue-triggered caller
    /// must finish well inside its message's visibility timeout, so this stays far below it.
    /// </summary>
    [Range(1, 600)]
    public int TotalTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// First back-off delay in milliseconds, doubled per retry with jitter; a <c>Retry-After</c> answer replaces it.
    /// Default 1000; 1-60000. Amazon documents no Retry-After on 429, so this back-off is what paces it.
    /// </summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>
    /// Cap on the computed back-off between attempts, in seconds. Default 30; 1-300. A channel's Retry-After is
    /// honoured as given (Polly does not cap it); <see cref="TotalTimeoutSeconds"/> still bounds the whole call.
    /// </summary>
    [Range(1, 300)]
    public int MaxRetryDelaySeconds { get; set; } = 30;
}
