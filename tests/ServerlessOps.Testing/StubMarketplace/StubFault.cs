namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>An injected failure: an HTTP status (with Retry-After), or for TikTok a 200 carrying a non-zero code.</summary>
internal sealed record StubFault(int StatusCode, TimeSpan? RetryAfter, long? TikTokCode, string? TikTokMessage);
