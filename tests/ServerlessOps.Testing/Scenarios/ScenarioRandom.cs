using System.Globalization;
using System.Text;

namespace ServerlessOps.Testing.Scenarios;

/// <summary>Seeded randomness for scenarios: the same seed gives the same ids, times and choices on every run.</summary>
internal sealed class ScenarioRandom
{
    private readonly Random _random;
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    public ScenarioRandom(int seed) => _random = new Random(seed);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    /// <summary>An integer in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public IReadOnlyList<T> PickDistinct<T>(IReadOnlyList<T> items, int count) =>
        items.OrderBy(_ => _random.Next()).Take(Math.Min(count, items.Count)).ToArray();

    /// <summary>A version-4 style GUID from the seeded stream, unique within the scenario.</summary>
    public string Guid() => Unique(() =>
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new System.Guid(bytes).ToString();
    });

    /// <summary><paramref name="prefix"/> followed by random digits to <paramref name="length"/> characters, unique within the scenario.</summary>
    public string Digits(string prefix, int length) => Unique(() =>
    {
        var text = new StringBuilder(prefix);
        while (text.Length < length)
        {
            text.Append(_random.Next(10).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    });

    /// <summary>Upper-case letters and digits, e.g. Shopify's confirmation number.</summary>
    public string Code(int length)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private string Unique(Func<string> next)
    {
        while (true)
        {
            var candidate = next();
            if (_issued.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
