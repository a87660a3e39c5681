namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// Which fields of a channel's JSON are personal data (Shopify's Order, Refund, Fulfillment and privacy payloads).
/// Two rules: a <b>personal object</b> (an address, the customer, the browser's details) is personal through and
/// through, so every value in it goes but its ids and country code (kept so a request can still be matched and an
/// order still counted per country); a <b>personal value</b> (an email, a phone, a free-text note, coordinates) goes
/// wherever it appears. Booleans and the order's money, lines, ids and statuses are not personal and stay.
/// </summary>
public static class PersonalDataFields
{
    /// <summary>Objects (or arrays of them) whose every value is the buyer's.</summary>
    public static IReadOnlySet<string> PersonalObjects { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "customer", "billing_address", "shipping_address", "default_address", "addresses", "destination",
        "client_details", "note_attributes", "payment_details", "receipt", "properties",
    };

    /// <summary>Values that are personal wherever they appear.</summary>
    public static IReadOnlySet<string> PersonalValues { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "email", "contact_email", "phone", "sms_marketing_phone", "browser_ip", "note", "latitude", "longitude",
        "first_name", "last_name", "company", "address1", "address2", "zip", "customer_locale_ip",
    };

    /// <summary>What a personal object keeps: identifiers and the country code.</summary>
    public static IReadOnlySet<string> KeptInPersonalObjects { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "id", "admin_graphql_api_id", "country_code",
    };
}
