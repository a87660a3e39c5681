namespace ServerlessOps.Infra.Tests.Settings;

/// <summary>
/// One app setting the code reads, as a pattern of <c>__</c>-separated segments: <c>{key}</c> stands for any
/// dictionary key (a brand id), <c>{n}</c> for a list index. Names compare without regard to case, as App Service
/// and .NET configuration do.
/// </summary>
/// <param name="Pattern">For example <c>Brands__{key}__Accounts__{n}__Secret</c>.</param>
/// <param name="ReadBy">The type (or code) that reads it, for messages.</param>
/// <param name="HasDefault">Whether the code has a value when the setting is absent (a non-empty property initializer).</param>
public sealed record OptionsSetting(string Pattern, string ReadBy, bool HasDefault)
{
    public const string Key = "{key}";
    public const string Index = "{n}";

    public bool Matches(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var expected = Pattern.Split("__");
        var actual = name.Split("__");
        if (expected.Length != actual.Length)
        {
            return false;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            var ok = expected[i] switch
            {
                Key => actual[i].Length > 0,
                Index => actual[i].Length > 0 && actual[i].All(char.IsAsciiDigit),
                _ => string.Equals(expected[i], actual[i], StringComparison.OrdinalIgnoreCase),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
