using System.Text.RegularExpressions;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// One Selling Partner API operation's published usage plan: a token bucket per seller account that refills at
/// <see cref="PerSecond"/> and holds <see cref="Burst"/> (CHANNELS.md 1.9 of Amazon's part, 2.9). Amazon answers 429 past
/// it; pacing our own calls keeps retries under it too, where retries alone would multiply the calls of a failing order.
/// </summary>
/// <param name="Operation">Amazon's operation name, e.g. getOrder.</param>
internal sealed partial record AmazonUsagePlan(string Operation, double PerSecond, int Burst)
{
    public static readonly AmazonUsagePlan GetOrder = new("getOrder", 0.5, 30);
    public static readonly AmazonUsagePlan GetOrderItems = new("getOrderItems", 0.5, 30);
    public static readonly AmazonUsagePlan GetOrders = new("getOrders", 0.0167, 20);
    public static readonly AmazonUsagePlan PatchListingsItem = new("patchListingsItem", 5, 5);

    /// <summary>How long one token takes to come back.</summary>
    public TimeSpan RefillEvery => TimeSpan.FromSeconds(1 / PerSecond);

    /// <summary>The plan of the operation <paramref name="method"/> <paramref name="path"/> calls; null for one without a published plan here.</summary>
    public static AmazonUsagePlan? For(HttpMethod method, string path)
    {
        if (method == HttpMethod.Patch)
        {
            return ListingsItemPath().IsMatch(path) ? PatchListingsItem : null;
        }

        if (method != HttpMethod.Get)
        {
            return null;
        }

        return OrderItemsPath().IsMatch(path) ? GetOrderItems
            : OrderPath().IsMatch(path) ? GetOrder
            : OrdersPath().IsMatch(path) ? GetOrders
            : null;
    }

    [GeneratedRegex(@"/orders/v0/orders/[^/]+/orderItems$")]
    private static partial Regex OrderItemsPath();

    [GeneratedRegex(@"/orders/v0/orders/[^/]+$")]
    private static partial Regex OrderPath();

    [GeneratedRegex(@"/orders/v0/orders$")]
    private static partial Regex OrdersPath();

    [GeneratedRegex(@"/listings/2021-08-01/items/[^/]+/[^/]+$")]
    private static partial Regex ListingsItemPath();
}
