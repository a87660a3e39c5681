using System.Collections.Concurrent;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Functions.Tests.OrderFlow;

/// <summary>
/// A catalog the test states: channel SKU → catalog line. Stands in for the Cosmos catalog so a test needs no import
/// files; records how often it was asked.
/// </summary>
internal sealed class FakeCatalogReader : ICatalogReader
{
    private readonly ConcurrentDictionary<string, CatalogLine> _lines = new(StringComparer.Ordinal);

    public int Calls;

    public FakeCatalogReader Map(string channelSku, string location, decimal? unitCost = 5m, bool channelFulfilled = false, decimal? map = null)
    {
        _lines[channelSku] = new CatalogLine(channelSku, location, channelFulfilled, "apparel", "USD", map, unitCost);
        return this;
    }

    public Task<CatalogResolution> ResolveAsync(string brandId, SalesChannel channel, IReadOnlyCollection<string> channelSkus, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        var mapped = channelSkus.Where(_lines.ContainsKey).ToDictionary(s => s, s => _lines[s], StringComparer.Ordinal);
        return Task.FromResult(new CatalogResolution(mapped, [.. channelSkus.Where(s => !_lines.ContainsKey(s))], []));
    }
}
