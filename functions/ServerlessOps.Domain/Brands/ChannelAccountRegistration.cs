namespace ServerlessOps.Domain.Brands;

/// <summary>A channel account with the credentials its webhooks must carry, resolved to values, and where it stands.</summary>
/// <param name="Account">Brand, channel, account id.</param>
/// <param name="Credentials">The webhook secrets (current, previous) and settings.</param>
/// <param name="Status">A <see cref="ChannelAccountStatus.Disconnected"/> account's webhooks are refused.</param>
public sealed record ChannelAccountRegistration(
    ChannelAccount Account,
    ChannelCredentials Credentials,
    ChannelAccountStatus Status = ChannelAccountStatus.Connected)
{
    /// <summary>Whether the edge takes its webhooks: not disconnected, and a webhook secret to check them with.</summary>
    public bool AcceptsWebhooks => Status != ChannelAccountStatus.Disconnected && Credentials.Secrets.Count > 0;
}
