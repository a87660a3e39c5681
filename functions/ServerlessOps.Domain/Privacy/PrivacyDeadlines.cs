namespace ServerlessOps.Domain.Privacy;

/// <summary>How long the merchant (and so we) may take to act on a privacy request.</summary>
public static class PrivacyDeadlines
{
    /// <summary>
    /// Shopify: act on <c>customers/redact</c>, <c>shop/redact</c> and <c>customers/data_request</c> within 30 days of
    /// receiving them (Shopify's privacy law compliance page); counted from our receipt of the first delivery.
    /// </summary>
    public static readonly TimeSpan Shopify = TimeSpan.FromDays(30);

    public static DateTimeOffset DueBy(DateTimeOffset receivedAt) => receivedAt + Shopify;
}
