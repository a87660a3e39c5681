namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>An injected failure: an HTTP status (with Retry-After), for TikTok a 200 carrying a non-zero code, or a stall.</summary>
internal sealed record StubFault(int StatusCode, TimeSpan? RetryAfter, long? TikTokCode, string? TikTokMessage)
{
    public bool RetryAfterAsHttpDate { get; init; }

    /// <summary>Amazon: the <c>errors[]</c> entry's <c>code</c> and <c>details</c> instead of the status's own error.</summary>
    public (string Code, string Details)? AmazonError { get; init; }

    /// <summary>Set for a stall: wait this long, then answer normally.</summary>
    public TimeSpan? Stall { get; init; }
}
