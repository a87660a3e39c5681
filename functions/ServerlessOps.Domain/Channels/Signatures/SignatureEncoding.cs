namespace ServerlessOps.Domain.Channels.Signatures;

/// <summary>Lenient decoding of signature headers: surrounding whitespace ignored, anything else must be exact.</summary>
public static class SignatureEncoding
{
    public static bool TryDecodeBase64(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var buffer = new byte[((trimmed.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64String(trimmed, buffer, out var written) || written == 0)
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    public static bool TryDecodeHex(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length % 2 != 0)
        {
            return false;
        }

        var buffer = new byte[trimmed.Length / 2];
        if (Convert.FromHexString(trimmed, buffer, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
