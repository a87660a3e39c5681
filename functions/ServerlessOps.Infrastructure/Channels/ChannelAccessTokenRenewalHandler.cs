using System.Net;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Outside a channel client's resilience pipeline: when the channel answers 401 to the access token a request carries
/// (revoked or rotated before it expired, while the account stays connected), asks the credential source to renew it
/// (<see cref="IChannelApiCredentialSource.RenewRejectedAsync"/>: one token call per account however many callers) and
/// sends the request once more with the new token. A second 401 is the answer. Without a renewal the token service
/// would keep serving the refused token until shortly before it expires: an hour (Walmart 15 minutes, TikTok Shop a week)
/// of refused reads and pushes.
/// </summary>
/// <remarks>
/// Only requests that name their account (<see cref="ChannelApiAccount"/>) and carry the channel's token header
/// (<see cref="ChannelTokenHeaders"/>) are renewed. TikTok Shop's <c>sign</c> covers the path, the query but <c>sign</c> and <c>access_token</c>, and the body,
/// never the <c>x-tts-access-token</c> header (CHANNELS.md 4.6), so the signed request is sent again as it is. CHANNELS.md
/// documents 401 as every channel's answer to a bad token, so no other status (Amazon's 403) is taken for one.
/// </remarks>
internal sealed class ChannelAccessTokenRenewalHandler(SalesChannel channel, IChannelApiCredentialSource credentials, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = ChannelTokenHeaders.For(channel);
        if (ChannelApiAccount.Of(request) is not { } accountId
            || !request.Headers.TryGetValues(header, out var values)
            || values.FirstOrDefault() is not { Length: > 0 } sent)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        // Sent twice at most: a body must survive the first send (our bodies are bytes already; this keeps it so).
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        string? renewed;
        try
        {
            renewed = await credentials.RenewRejectedAsync(channel, accountId, sent, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (renewed is null || string.Equals(renewed, sent, StringComparison.Ordinal))
        {
            return response;
        }

        response.Dispose();
        logger.TokenRefusedSentAgain(channel, accountId, request.RequestUri?.AbsolutePath ?? "(none)");
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, renewed);
        return await base.SendAsync(request, cancellationToken);
    }
}
