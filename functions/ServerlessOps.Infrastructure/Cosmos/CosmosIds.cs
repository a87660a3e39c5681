using System.Text;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// Domain ids are channel-controlled text (a SKU with a slash, an order id with '#' or a space), but a Cosmos id
/// may not contain <c>/ \ ? #</c> and travels in the request path, where '%', '+', spaces and non-ASCII
/// characters are escaped and unescaped differently by SDKs, gateways and emulators. So every character outside
/// <c>A-Z a-z 0-9 - _ . : | @ = ,</c> is written as <c>~XX</c> per UTF-8 byte (<c>~</c> itself too): reversible,
/// the same everywhere, and the identity for ordinary ids such as <c>shopify:1234</c> or a delivery key.
/// </summary>
internal static class CosmosIds
{
    public static string Encode(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.All(IsSafe))
        {
            return id;
        }

        var builder = new StringBuilder(id.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in id.EnumerateRunes())
        {
            if (rune.IsAscii && IsSafe((char)rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                builder.Append('~').Append(Convert.ToHexString([b]));
            }
        }

        return builder.ToString();
    }

    public static string Decode(string encoded)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoded);
        if (!encoded.Contains('~', StringComparison.Ordinal))
        {
            return encoded;
        }

        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '~' && i + 2 < encoded.Length)
            {
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)encoded[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsSafe(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')
        or '-' or '_' or '.' or ':' or '|' or '@' or '=' or ',';
}
