using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Brands;

/// <summary>Who owns one signal of a brand, on every channel (<paramref name="Channel"/> null) or on one.</summary>
/// <param name="Signal">The signal owned.</param>
/// <param name="Channel">The channel, or null for the signal on every channel without its own owner.</param>
/// <param name="Owner">Whom alerts go to: an e-mail address (or a distribution list's).</param>
public sealed record OwnerAssignment(BrandSignal Signal, SalesChannel? Channel, string Owner);
