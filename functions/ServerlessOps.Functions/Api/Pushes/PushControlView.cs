using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Functions.Api.Pushes;

/// <summary>One channel account's pushes: paused or not, who paused and resumed them (newest last), the listings waiting.</summary>
public sealed record PushControlView(string BrandId, string Channel, string AccountId, bool Paused, IReadOnlyList<PushControlAuditEntry> Audit, IReadOnlyList<ListingRef> Waiting)
{
    public static PushControlView From(string brandId, Domain.Channels.SalesChannel channel, string accountId, PushControlDocument? doc) => new(
        brandId, channel.ToString(), doc?.AccountId ?? accountId, doc?.Paused ?? false, doc?.Audit ?? [], doc?.Waiting ?? []);
}

/// <summary>The brand's mass-drop brake: the drops held for confirmation and the confirmations so far.</summary>
public sealed record PushHoldView(string BrandId, IReadOnlyList<HeldListing> Held, DateTimeOffset? HeldSince, IReadOnlyList<HoldConfirmation> History)
{
    public static PushHoldView From(string brandId, PushHoldDocument? doc) => new(brandId, doc?.Held ?? [], doc?.HeldSince, doc?.History ?? []);
}
