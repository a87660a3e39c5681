namespace ServerlessOps.Domain.Privacy;

/// <summary>What a privacy request asks for (Shopify's mandatory privacy topics, CHANNELS.md 1.5). Stored by name.</summary>
public enum PrivacyRequestKind
{
    /// <summary><c>customers/redact</c>: erase one buyer's personal data from the orders named and every copy we keep.</summary>
    CustomerRedact,

    /// <summary><c>shop/redact</c>: 48 hours after uninstall, erase the personal data of every order of the shop.</summary>
    ShopRedact,

    /// <summary><c>customers/data_request</c>: give the merchant the buyer's personal data we hold.</summary>
    CustomerDataRequest,
}
