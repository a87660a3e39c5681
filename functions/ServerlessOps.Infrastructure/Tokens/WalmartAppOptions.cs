namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>
/// <c>ChannelApps:Walmart</c>. Walmart's own API needs no app registration (each account's client id and secret are
/// entered in the registry); this is the other direction: the bearer tokens our token endpoint issues to Walmart for
/// subscriptions with <c>authMethod=OAUTH</c> (CHANNELS.md 3.2).
/// </summary>
public sealed class WalmartAppOptions
{
    /// <summary>Lifetime of an issued bearer token (answered as <c>expires_in</c>). Default 1 h; 5 min to 24 h.</summary>
    public TimeSpan BearerTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
