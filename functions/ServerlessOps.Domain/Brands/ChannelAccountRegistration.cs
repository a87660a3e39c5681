namespace ServerlessOps.Domain.Brands;

/// <summary>A channel account with the credentials its webhooks must carry.</summary>
public sealed record ChannelAccountRegistration(ChannelAccount Account, ChannelCredentials Credentials);
