using System.Text.RegularExpressions;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// What an alert is about: a type (<c>order</c>, <c>sku</c>, <c>listing</c>, <c>channel-account</c>, <c>flow</c>,
/// <c>import</c>, <c>process</c>, <c>privacy-request</c>, <c>quarantined-delivery</c>) and the id within it. With the brand and the kind it makes the dedupe key, so the same
/// problem on the same thing is one alert however often it is raised.
/// </summary>
/// <param name="Type">Lower-case letters, digits and dashes, starting with a letter; at most 32 characters.</param>
/// <param name="Id">The thing's id as the rest of the app writes it; 1-256 characters.</param>
public sealed partial record AlertSubject(string Type, string Id)
{
    public const int MaxIdLength = 256;

    /// <summary>A canonical order: <c>{channel}:{external order id}</c>.</summary>
    public static AlertSubject Order(string orderId) => new("order", orderId);

    /// <summary>A catalog SKU of the brand, across channels.</summary>
    public static AlertSubject Sku(string sku) => new("sku", sku);

    /// <summary>One channel's listing of a SKU: <c>{channel slug}:{sku}</c>.</summary>
    public static AlertSubject Listing(SalesChannel channel, string sku) => new("listing", $"{channel.Slug()}:{sku}");

    /// <summary>A connected channel account: <c>{channel slug}:{account id}</c>.</summary>
    public static AlertSubject ChannelAccount(SalesChannel channel, string accountId) => new("channel-account", $"{channel.Slug()}:{accountId}");

    /// <summary>A durable flow instance.</summary>
    public static AlertSubject Flow(string instanceId) => new("flow", instanceId);

    /// <summary>One import file of the brand: its import id, <c>{kind}-{sha256}</c>.</summary>
    public static AlertSubject Import(string importId) => new("import", importId);

    /// <summary>A recurring process of the brand (<c>monthly-review</c>, <c>stock-count-import</c>).</summary>
    public static AlertSubject Process(string name) => new("process", name);

    /// <summary>A recorded privacy request of the brand: its id, <c>{kind}-{hash}</c>.</summary>
    public static AlertSubject PrivacyRequest(string requestId) => new("privacy-request", requestId);

    /// <summary>A delivery of the brand waiting in quarantine: its delivery key.</summary>
    public static AlertSubject QuarantinedDelivery(string deliveryKey) => new("quarantined-delivery", deliveryKey);

    /// <summary>Throws naming what is wrong; raising code calls it through <see cref="AlertRaise.Validate"/>.</summary>
    public void Validate()
    {
        if (Type is null || !TypePattern().IsMatch(Type))
        {
            throw new ArgumentException($"Alert subject type '{Type}' must be lower-case letters, digits and dashes, starting with a letter, at most 32 characters (e.g. 'order', 'sku').", nameof(Type));
        }

        if (string.IsNullOrWhiteSpace(Id) || Id.Length > MaxIdLength)
        {
            throw new ArgumentException($"Alert subject id of type '{Type}' must be 1-{MaxIdLength} characters and not blank; received '{Id}'.", nameof(Id));
        }
    }

    /// <summary><c>order shopify:1234</c>.</summary>
    public override string ToString() => $"{Type} {Id}";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();
}
