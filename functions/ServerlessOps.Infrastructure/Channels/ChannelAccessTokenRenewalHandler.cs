using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Outside a channel client's resilience pipeline: when the channel refuses the access token a request carries (revoked,
/// rotated or expired before we thought, while the account stays connected), asks the credential source to renew it
/// (<see cref="IChannelApiCredentialSource.RenewRejectedAsync"/>: one token call per account however many callers) and
/// sends the request once more with the new token. A second refusal is the answer, and ends as a first one would have:
/// the caller's <see cref="ChannelApiException"/>. Without a renewal the token service
/// would keep serving the refused token until shortly before it expires: an hour (Walmart 15 minutes, TikTok Shop a week)
/// of refused reads and pushes.
/// </summary>
/// <remarks>
/// Only requests that name their account (<see cref="ChannelApiAccount"/>) and carry the channel's token header
/// (<see cref="ChannelTokenHeaders"/>) are renewed. TikTok Shop's <c>sign</c> covers the path, the query but <c>sign</c> and <c>access_token</c>, and the body,
/// never the <c>x-tts-access-token</c> header (CHANNELS.md 4.6), so the signed request is sent again as it is. A refusal is
/// each channel's own (<see cref="ChannelTokenRefusal"/>): 401, Amazon's 403 <c>Unauthorized</c> naming the access token,
/// TikTok Shop's expired-token code in an HTTP 200; CHANNELS.md says nothing of the latter two, their classes cite the source.
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
        string? refusal;
        string? renewed;
        try
        {
            refusal = await ChannelTokenRefusal.ReadAsync(channel, response, cancellationToken);
            if (refusal is null)
            {
                return response;
            }

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
        logger.TokenRefusedSentAgain(channel, accountId, request.RequestUri?.AbsolutePath ?? "(none)", refusal);
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, renewed);
        return await base.SendAsync(request, cancellationToken);
    }
}
