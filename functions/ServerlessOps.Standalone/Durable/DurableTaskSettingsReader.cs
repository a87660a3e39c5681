using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Reads the Durable Functions settings as the Functions host would: host.json's <c>extensions.durableTask</c>,
/// overlaid by the configuration section <c>AzureFunctionsJobHost:extensions:durableTask</c> (app settings or
/// environment variables <c>AzureFunctionsJobHost__extensions__durableTask__…</c>; keys without regard to case),
/// with <c>%Name%</c> tokens replaced by the configuration value <c>Name</c>. Pure: no storage, no clock.
/// </summary>
public static partial class DurableTaskSettingsReader
{
    /// <summary>Reads and validates the settings.</summary>
    /// <param name="configuration">App settings: the overrides, the <c>%Name%</c> values and <c>WEBSITE_SITE_NAME</c>.</param>
    /// <param name="hostJsonPath">host.json; default <c>host.json</c> beside the application.</param>
    /// <exception cref="DurableTaskSettingsException">
    /// The file is missing or malformed, or a key is unknown, refused or out of range; every problem is listed with
    /// its key, value and origin.
    /// </exception>
    public static DurableTaskSettings Read(IConfiguration configuration, string? hostJsonPath = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = Path.GetFullPath(hostJsonPath ?? Path.Combine(AppContext.BaseDirectory, "host.json"));
        var values = Merge(HostJsonDurableSection.Load(path), Overrides(configuration));

        var settings = new DurableTaskSettings { HubName = DefaultHubName(configuration) };
        var problems = new List<string>();
        foreach (var value in values)
        {
            if (ResolveTokens(value, configuration, problems) is { } resolved)
            {
                Apply(settings, resolved, problems);
            }
        }

        Validate(settings, problems);
        if (problems.Count > 0)
        {
            throw new DurableTaskSettingsException(problems);
        }

        return settings;
    }

    private static IEnumerable<ConfiguredValue> Overrides(IConfiguration configuration) =>
        configuration.GetSection(DurableTaskSettings.SectionName)
            .AsEnumerable(makePathsRelative: true)
            .Where(pair => !string.IsNullOrEmpty(pair.Value) && pair.Key.Length > 0) // a section node reads as empty through some providers
            .Select(pair => new ConfiguredValue(pair.Key, pair.Value!, $"setting 'AzureFunctionsJobHost__extensions__durableTask__{pair.Key.Replace(":", "__", StringComparison.Ordinal)}'"));

    /// <summary>Later sources win, key by key, without regard to case (as configuration providers layer).</summary>
    private static Dictionary<string, ConfiguredValue>.ValueCollection Merge(params IEnumerable<ConfiguredValue>[] layers)
    {
        var merged = new Dictionary<string, ConfiguredValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in layers.SelectMany(layer => layer))
        {
            merged[value.Key] = value;
        }

        return merged.Values;
    }

    private static void Apply(DurableTaskSettings settings, ConfiguredValue value, List<string> problems)
    {
        var key = DurableTaskSettingKeys.Find(value.Key);
        if (key is null)
        {
            problems.Add($"{value.Describe()}: unknown key; the Durable Functions extension documents no such setting (check its spelling).");
            return;
        }

        if (key.RefusedBecause is { } refused)
        {
            problems.Add($"{value.Describe()}: {refused}.");
            return;
        }

        if (key.IgnoredBecause is not null)
        {
            return;
        }

        if (key.Apply(settings, value.Value) is { } error)
        {
            problems.Add($"{value.Describe()}: {error}.");
            return;
        }

        if (key.Property is { } property)
        {
            settings.Sources[property] = value.Describe();
        }
    }

    /// <summary>The value with its %Name% tokens replaced; null (and a problem listed) when a token has no setting.</summary>
    private static ConfiguredValue? ResolveTokens(ConfiguredValue value, IConfiguration configuration, List<string> problems)
    {
        if (!value.Value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var unresolved = false;
        var resolved = Token().Replace(value.Value, match =>
        {
            var name = match.Groups["name"].Value;
            if (configuration[name] is { } setting)
            {
                return setting;
            }

            problems.Add($"{value.Describe()}: refers to %{name}%, but no app setting '{name}' exists.");
            unresolved = true;
            return match.Value;
        });
        return unresolved ? null : value with { Value = resolved, Source = value.Source + $", resolved from '{value.Value}'" };
    }

    private static void Validate(DurableTaskSettings settings, List<string> problems)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                var origin = settings.Sources.TryGetValue(member, out var source)
                    ? source
                    : $"extensions.durableTask.{DurableTaskSettingKeys.KeyOf(member).Replace(':', '.')} (default)";
                var message = (result.ErrorMessage ?? "is invalid").Replace($"The field {member} ", string.Empty, StringComparison.Ordinal).TrimEnd('.');
                problems.Add($"{origin}: {message}.");
            }
        }

        if (settings.UseTablePartitionManagement && settings.UseLegacyPartitionManagement)
        {
            problems.Add("extensions.durableTask.storageProvider.useLegacyPartitionManagement and useTablePartitionManagement are both true; choose one partition manager.");
        }
    }

    /// <summary>The extension's default hub name: WEBSITE_SITE_NAME reduced to a valid hub name, else TestHubName.</summary>
    internal static string DefaultHubName(IConfiguration configuration)
    {
        var site = configuration["WEBSITE_SITE_NAME"];
        if (string.IsNullOrWhiteSpace(site))
        {
            return "TestHubName";
        }

        var name = new StringBuilder();
        foreach (var c in site.Where(char.IsAsciiLetterOrDigit))
        {
            if (name.Length == 0 && char.IsAsciiDigit(c))
            {
                name.Append('t');
            }

            name.Append(c);
        }

        var hub = name.Length == 0 ? "DefaultTaskHub" : name.ToString()[..Math.Min(name.Length, 45)];
        return hub.Length < 3 ? hub + "Hub" : hub;
    }

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex Token();
}
