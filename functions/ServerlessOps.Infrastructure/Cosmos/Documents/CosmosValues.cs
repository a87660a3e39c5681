using System.Globalization;

namespace ServerlessOps.Infrastructure.Cosmos.Documents;

/// <summary>How query fields are written so that Cosmos compares them correctly as strings.</summary>
internal static class CosmosValues
{
    /// <summary>
    /// UTC, fixed width, 100 ns precision (<c>2026-03-01T15:04:05.1234567Z</c>): string order is time order.
    /// The domain timestamps keep their channel offset; these copies exist only to filter and sort.
    /// </summary>
    public static string SortableUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Throws when a stored document is not one this code can read: another type in the same container, or a
    /// newer schema written by a later release (reading it with old code would drop fields on the next write).
    /// </summary>
    public static void EnsureReadable(string id, string actualType, int actualVersion, string expectedType, int currentVersion)
    {
        if (!string.Equals(actualType, expectedType, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cosmos document '{id}' has type '{actualType}', expected '{expectedType}'.");
        }

        if (actualVersion < 1 || actualVersion > currentVersion)
        {
            throw new InvalidOperationException(
                $"Cosmos document '{id}' has schemaVersion {actualVersion}; this build reads 1-{currentVersion}. A newer release wrote it: deploy that release, do not overwrite it with this one.");
        }
    }
}
