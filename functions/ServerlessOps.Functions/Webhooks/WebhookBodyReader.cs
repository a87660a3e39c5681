namespace ServerlessOps.Functions.Webhooks;

/// <summary>Reads a request body as raw bytes, refusing to buffer more than the configured limit.</summary>
internal static class WebhookBodyReader
{
    /// <returns>The bytes, or null when the body is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var capacity = request.ContentLength is { } length ? (int)length : 16 * 1024;
        using var buffer = new MemoryStream(capacity);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
