using System.Globalization;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// One durableTask key this host knows: applied to a <see cref="DurableTaskSettings"/> property, accepted and ignored
/// (it changes nothing here), or refused (it asks for a feature this host lacks, so running on would differ from Azure).
/// </summary>
internal sealed class DurableTaskSettingKey
{
    private readonly Func<DurableTaskSettings, string, string?>? _apply;

    private DurableTaskSettingKey(string key, string? property, Func<DurableTaskSettings, string, string?>? apply, string? ignoredBecause, string? refusedBecause)
    {
        Key = key;
        Property = property;
        _apply = apply;
        IgnoredBecause = ignoredBecause;
        RefusedBecause = refusedBecause;
    }

    /// <summary>The key path below <c>extensions.durableTask</c>, ':'-separated, as documented (matched without regard to case).</summary>
    public string Key { get; }

    /// <summary>The <see cref="DurableTaskSettings"/> property the key sets, if it sets one.</summary>
    public string? Property { get; }

    /// <summary>Why the key is accepted but has no effect here; null when it is applied or refused.</summary>
    public string? IgnoredBecause { get; }

    /// <summary>Why the key cannot be honoured here; null when it is applied or ignored.</summary>
    public string? RefusedBecause { get; }

    /// <summary>Applies <paramref name="value"/>; returns what is wrong with it, or null.</summary>
    public string? Apply(DurableTaskSettings settings, string value) => _apply?.Invoke(settings, value);

    public static DurableTaskSettingKey Text(string key, string property, Action<DurableTaskSettings, string> set) =>
        new(key, property, (s, v) =>
        {
            set(s, v);
            return null;
        }, null, null);

    public static DurableTaskSettingKey Integer(string key, string property, Action<DurableTaskSettings, int> set) =>
        new(key, property, (s, v) =>
        {
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                return "must be a whole number";
            }

            set(s, parsed);
            return null;
        }, null, null);

    public static DurableTaskSettingKey Boolean(string key, string property, Action<DurableTaskSettings, bool> set) =>
        new(key, property, (s, v) =>
        {
            if (!bool.TryParse(v, out var parsed))
            {
                return "must be true or false";
            }

            set(s, parsed);
            return null;
        }, null, null);

    public static DurableTaskSettingKey Duration(string key, string property, Action<DurableTaskSettings, TimeSpan> set) =>
        new(key, property, (s, v) =>
        {
            if (!TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var parsed))
            {
                return "must be a time span such as 00:00:30";
            }

            set(s, parsed);
            return null;
        }, null, null);

    /// <summary>A key whose only allowed value is <paramref name="allowed"/> (matched without regard to case).</summary>
    public static DurableTaskSettingKey Only(string key, string allowed, string refusedBecause) =>
        new(key, null, (_, v) => string.Equals(v, allowed, StringComparison.OrdinalIgnoreCase) ? null : refusedBecause, null, null);

    /// <summary>A key (or, with a trailing <c>:*</c>, a whole section) read and ignored.</summary>
    public static DurableTaskSettingKey Ignored(string key, string because) => new(key, null, null, because, null);

    /// <summary>A key that fails the start whatever its value.</summary>
    public static DurableTaskSettingKey Refused(string key, string because) => new(key, null, null, null, because);
}
