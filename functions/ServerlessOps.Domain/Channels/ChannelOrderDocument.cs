namespace ServerlessOps.Domain.Channels;

/// <summary>
/// An order as read back from a channel's API, as raw JSON response bodies keyed by part:
/// Amazon <c>order</c> (getOrder) and <c>orderItems</c> (getOrderItems); Walmart <c>order</c>
/// (GET /v3/orders/{id}); TikTok Shop <c>orderDetail</c> (Get Order Detail) and, when the signal asks for them,
/// <c>returns</c> (Search Returns for the order, every page merged into one answer).
/// </summary>
public sealed record ChannelOrderDocument(
    SalesChannel Channel,
    string ExternalOrderId,
    IReadOnlyDictionary<string, string> Parts)
{
    public const string AmazonOrder = "order";
    public const string AmazonOrderItems = "orderItems";
    public const string WalmartOrder = "order";
    public const string TikTokOrderDetail = "orderDetail";
    public const string TikTokReturns = "returns";

    public string Part(string name) =>
        Parts.TryGetValue(name, out var json)
            ? json
            : throw new ChannelPayloadException($"The {Channel} order document for {ExternalOrderId} has no '{name}' part.");

    /// <summary>The part, or null when it was not read.</summary>
    public string? OptionalPart(string name) => Parts.TryGetValue(name, out var json) ? json : null;
}
