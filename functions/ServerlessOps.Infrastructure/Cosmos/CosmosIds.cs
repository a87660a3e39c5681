using System.Globalization;
using System.Text;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// Cosmos ids may not contain <c>/ \ ? #</c> (they break the resource path) and should not contain control
/// characters. Domain ids are channel-controlled text (a SKU with a slash, an order id with '#'), so they are
/// escaped as <c>%XX</c>, with <c>%</c> itself escaped first: reversible, and the identity for ordinary ids
/// such as <c>shopify:1234</c> or a delivery key.
/// </summary>
internal static class CosmosIds
{
    public static string Encode(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (!id.AsSpan().ContainsAny("%/\\?#") && !id.Any(char.IsControl))
        {
            return id;
        }

        var builder = new StringBuilder(id.Length + 8);
        foreach (var c in id)
        {
            if (c is '%' or '/' or '\\' or '?' or '#' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
