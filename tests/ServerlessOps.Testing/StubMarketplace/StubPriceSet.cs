using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>One price the stub accepted: the channel, the listing's price key (<see cref="StubMarketplace.PriceKey"/>), the price, its currency and when.</summary>
public sealed record StubPriceSet(SalesChannel Channel, string PriceKey, decimal Price, string? Currency, DateTimeOffset At);
