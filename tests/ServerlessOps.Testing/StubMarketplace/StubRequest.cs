using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>One call the stub marketplace received and what it answered.</summary>
/// <param name="Path">Request path without the query (TikTok's query carries the sign).</param>
/// <param name="ReceivedAt">When it arrived (system clock), for checking waits such as Retry-After.</param>
/// <param name="StatusCode">The HTTP status answered.</param>
/// <param name="Outcome">Why: <c>served</c>, <c>injected</c>, <c>not found</c> or what the credential check disliked.</param>
public sealed record StubRequest(SalesChannel Channel, string Method, string Path, DateTimeOffset ReceivedAt, int StatusCode, string Outcome);
