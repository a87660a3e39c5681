using System.Text.Json.Nodes;
using ServerlessOps.Testing;

namespace ServerlessOps.Infra.Tests.Settings;

/// <summary>
/// local.settings.sample.json is where a developer learns every setting: each one the app's options classes bind
/// (<see cref="OptionsCatalog"/>) appears there at least once, and nothing appears there that no code reads.
/// </summary>
public sealed class LocalSettingsSampleTests
{
    /// <summary>Names in the sample read by the host or the platform rather than by an options class of the app.</summary>
    private static readonly string[] _readByHost =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "AzureWebJobsStorage",
        "DurableTaskHubName",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount",
        "AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval",
        // The standalone host's own, read by key (Local/StandaloneHost, Local/StandaloneTriggers).
        "Hosting__Port",
        "Hosting__RunTriggers",
    ];

    /// <summary>Options properties set from another setting after binding, so writing them in the sample would mislead.</summary>
    private static readonly string[] _derived =
    [
        // Post-configured from Ingestion__MaxDequeueCount, so the local queue driver and host.json cannot disagree.
        "Queues__MaxDequeueCount",
    ];

    private static IReadOnlyList<string> SampleNames()
    {
        var path = Path.Combine(RepositoryPaths.Root, "local.settings.sample.json");
        var values = JsonNode.Parse(File.ReadAllText(path))!["Values"]!.AsObject();
        return [.. values.Select(pair => pair.Key)];
    }

    [Fact]
    public void EverySettingTheAppReads_IsDocumentedInTheSample()
    {
        var names = SampleNames();
        var missing = OptionsCatalog.All
            .Where(setting => !_derived.Contains(setting.Pattern, StringComparer.OrdinalIgnoreCase) && !names.Any(setting.Matches))
            .Select(setting => $"{setting.Pattern} (read by {setting.ReadBy})")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "local.settings.sample.json does not show these settings:\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void EverySettingInTheSample_IsReadBySomeCode()
    {
        var unread = SampleNames()
            .Where(name => !_readByHost.Contains(name, StringComparer.OrdinalIgnoreCase) && !OptionsCatalog.All.Any(setting => setting.Matches(name)))
            .ToList();

        Assert.True(unread.Count == 0, "local.settings.sample.json shows settings no code reads:\n  " + string.Join("\n  ", unread));
    }
}
