using System.Diagnostics.CodeAnalysis;
using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>Finds the outbound API credential of a channel account.</summary>
public interface IChannelApiCredentialSource
{
    /// <exception cref="ChannelApiCredentialMissingException">The account has no configured access token (or TikTok app key/secret).</exception>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "The name is the lead's contract; only C# implements this interface.")]
    ChannelApiCredential Get(ChannelAccount account);
}
