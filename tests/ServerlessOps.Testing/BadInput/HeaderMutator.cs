using System.Text;

namespace ServerlessOps.Testing.BadInput;

/// <summary>Applies a <see cref="HeaderMutation"/> to one header of a call's headers, returning a new map (the input is unchanged).</summary>
public static class HeaderMutator
{
    /// <returns>The headers with <paramref name="name"/> mutated; <paramref name="changed"/> is false when only whitespace was added.</returns>
    public static Dictionary<string, string> Apply(IReadOnlyDictionary<string, string> headers, string name, HeaderMutation mutation, Random random, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(random);
        var result = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        var value = result.TryGetValue(name, out var present) ? present : "value";
        changed = mutation != HeaderMutation.Padded;
        switch (mutation)
        {
            case HeaderMutation.Remove:
                result.Remove(name);
                return result;
            case HeaderMutation.Blank:
                result[name] = random.Next(2) == 0 ? string.Empty : "   ";
                break;
            case HeaderMutation.CrLfInjection:
                result[name] = value + (random.Next(2) == 0 ? "\r\nX-Injected: 1" : "\nX-Shopify-Shop-Domain: evil.myshopify.com");
                break;
            case HeaderMutation.ControlCharacter:
                var at = random.Next(value.Length + 1);
                result[name] = value[..at] + (random.Next(2) == 0 ? '\0' : '\u001b') + value[at..];
                break;
            case HeaderMutation.Oversized:
                result[name] = value + new string('A', 4_000 + random.Next(6_000));
                break;
            case HeaderMutation.Repeated:
                result[name] = value + ", " + value;
                break;
            case HeaderMutation.OneCharacterChanged when value.Length > 0:
                var index = random.Next(value.Length);
                var builder = new StringBuilder(value);
                // Compared without case: a hex digest's 'a' turned into 'A' is the same digest (CI, 2026-12-04: a TikTok
                // signature "changed" that way still authenticated, rightly), so the replacement differs in any case.
                builder[index] = char.ToUpperInvariant(value[index]) == 'A' ? 'B' : 'A';
                result[name] = builder.ToString();
                changed = builder.ToString() != value;
                break;
            case HeaderMutation.OneCharacterChanged:
                result[name] = "A";
                break;
            case HeaderMutation.NonAscii:
                result[name] = value + "é\u00ff漢";
                break;
            default:
                result[name] = "  " + value + "\t";
                break;
        }

        return result;
    }
}
