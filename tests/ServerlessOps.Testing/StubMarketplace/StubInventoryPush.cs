using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>One inventory push the stub accepted: the channel, the listing key (<see cref="StubMarketplace.PushKey"/>), the quantity and when.</summary>
public sealed record StubInventoryPush(SalesChannel Channel, string ListingKey, int Quantity, DateTimeOffset At);
