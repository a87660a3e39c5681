using System.ComponentModel.DataAnnotations;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// When a channel account's calls of one client (order reads, listing pushes, settlements, the backstop) stop making
/// calls at all: section <c>Channels:CircuitBreaker</c>, used by <see cref="ChannelCircuitBreaker"/>. The defaults open a
/// circuit once at least half of 10 or more attempts within 30 s failed (5xx, 408, no answer, attempt timeout; not 429,
/// which is throttling), refuse every call for 20 s, then let one probe through.
/// </summary>
public sealed class ChannelCircuitBreakerOptions
{
    /// <summary>Share of failed attempts in the sampling window that opens the circuit. Default 0.5; 0.1-1.</summary>
    [Range(0.1, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>
    /// Attempts the window must hold before the ratio counts. Default 10; 2-1000. One call is up to 4 attempts (1 + 3
    /// retries), so one order's failing read alone never opens the circuit; at Amazon's paced 0.5 reads a second an
    /// account reaches 10 attempts within 20 s.
    /// </summary>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window the ratio is measured over, in seconds. Default 30; 1-600.</summary>
    [Range(1, 600)]
    public int SamplingDurationSeconds { get; set; } = 30;

    /// <summary>
    /// How long an open circuit refuses calls before one probe goes out, in seconds. Default 20; 1-600. Kept below a
    /// delivery's time between queue attempts times its attempts (15-30 s × 5), so a channel that heals is called again
    /// well before the deliveries that waited for it run out of attempts.
    /// </summary>
    [Range(1, 600)]
    public int BreakDurationSeconds { get; set; } = 20;
}
