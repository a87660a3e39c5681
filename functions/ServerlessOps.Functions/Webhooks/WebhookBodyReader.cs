namespace ServerlessOps.Functions.Webhooks;

/// <summary>Reads a request body as raw bytes, refusing to buffer more than the configured limit.</summary>
internal static class WebhookBodyReader
{
    /// <summary>
    /// How much of an oversized body is read and thrown away before answering, as a multiple of the limit. A server that
    /// answers while the client is still sending and then closes with unread bytes makes TCP reset the connection, and
    /// the client never sees the 413 (the bad-input drill's 8 MB catalog file got "connection reset"). Reading the rest,
    /// bounded, lets the answer arrive; a body beyond even that is cut off, as it should be.
    /// </summary>
    public const int DrainFactor = 2;

    /// <returns>The bytes, or null when the body is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        if (request.ContentLength > maxBytes)
        {
            await DiscardAsync(request.Body, chunk, (long)maxBytes * DrainFactor, cancellationToken);
            return null;
        }

        var capacity = request.ContentLength is { } length ? (int)length : 16 * 1024;
        using var buffer = new MemoryStream(capacity);
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await DiscardAsync(request.Body, chunk, (long)maxBytes * DrainFactor - buffer.Length - read, cancellationToken);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task DiscardAsync(Stream body, byte[] chunk, long budget, CancellationToken cancellationToken)
    {
        try
        {
            int read;
            while (budget > 0 && (read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                budget -= read;
            }
        }
        catch (BadHttpRequestException)
        {
            // Past the server's own body limit: the connection is closed after the answer, which is all that is left to do.
        }
    }
}
