namespace ServerlessOps.Domain.Brands;

/// <summary>Where a channel account stands with its marketplace. Only <see cref="Disconnected"/> makes the webhook edge refuse it.</summary>
public enum ChannelAccountStatus
{
    /// <summary>Authorised and in use.</summary>
    Connected,

    /// <summary>Registered; the seller has not authorised the app yet (or the admin has not entered its credentials).</summary>
    AwaitingAuthorisation,

    /// <summary>The authorisation lapsed or was revoked: outbound calls fail until the seller authorises again; webhooks still count.</summary>
    NeedsReauthorisation,

    /// <summary>Switched off: its webhooks are refused (403) and nothing is called on its behalf. Kept for the audit trail.</summary>
    Disconnected,
}
