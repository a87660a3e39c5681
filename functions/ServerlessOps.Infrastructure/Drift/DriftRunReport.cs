namespace ServerlessOps.Infrastructure.Drift;

/// <summary>What one drift run did: counts, and one line per listing it looked at (read or why not).</summary>
/// <param name="LostChanges">Clean listings in step with what we last pushed while the truth had moved on (a change never pushed): marked for their push.</param>
public sealed record DriftRunReport(int Listings, int Read, int FirstSeen, int Repaired, int Converged, int LostChanges, int PriceBreaches, IReadOnlyList<DriftListingResult> Results);

/// <summary>
/// One listing in a run: <c>result</c> is <c>in-sync</c>, <c>first-seen</c>, <c>repaired</c>, <c>converged</c>,
/// <c>lost-change</c>, <c>buffer-moved</c> (both marked for a push of the truth), <c>push-during-read</c>,
/// <c>read-failed</c>, <c>read-after-failed-push</c>, or a reason it was not read (<c>propagating</c>, <c>push-pending</c>, <c>never-pushed</c>,
/// <c>not-due</c>, <c>no-account</c>, <c>lost-race</c>, <c>no-quantity</c>).
/// </summary>
public sealed record DriftListingResult(string Sku, string Channel, string ChannelSku, string Result, string? Detail = null);
