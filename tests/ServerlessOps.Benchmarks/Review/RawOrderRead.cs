using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Benchmarks.Review;

/// <summary>
/// The raw rate of reading the rows the review reads, from the same Cosmos server in the same run, with nothing done
/// to them: <see cref="CosmosOrderStore.StreamPlacedAsync"/> over the review's window, one stream per channel at once
/// as the review's audit fan-out reads them, with the store's settings as the app has them (page size included).
/// </summary>
internal static class RawOrderRead
{
    public static async Task<ReadFigures> MeasureAsync(ReviewStack stack, ReviewWindow window, CancellationToken cancellationToken)
    {
        var options = new CosmosOptions
        {
            ConnectionString = stack.Cosmos.ConnectionString,
            AcceptEmulatorCertificate = true,
            DatabaseName = stack.DatabaseName,
            RequestTimeoutSeconds = int.Parse(stack.Settings["Cosmos:RequestTimeoutSeconds"], CultureInfo.InvariantCulture),
        };
        if (stack.Settings.TryGetValue("Cosmos:QueryPageSize", out var pageSize))
        {
            options.QueryPageSize = int.Parse(pageSize, CultureInfo.InvariantCulture);
        }

        using var client = CosmosClientFactory.Create(options);
        await ConnectAsync(client, cancellationToken);
        var store = new CosmosOrderStore(new CosmosContainers(client, stack.DatabaseName), Options.Create(options), NullLogger<CosmosOrderStore>.Instance);
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enum.GetValues<SalesChannel>().Select(async channel =>
        {
            var (orders, lines) = (0L, 0L);
            await foreach (var stored in store.StreamPlacedAsync(window.BrandId, window.From, window.Until, channel, cancellationToken))
            {
                orders++;
                lines += stored.Order.Lines.Count;
            }

            return (orders, lines);
        }));
        return new ReadFigures(counts.Sum(c => c.orders), counts.Sum(c => c.lines), clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The client's first request (its account read) before the clock starts, retried: on this shared machine under load
    /// the SDK's fixed metadata timeouts were seen to expire once (about 36 s) while the server was busy.
    /// </summary>
    private static async Task ConnectAsync(Microsoft.Azure.Cosmos.CosmosClient client, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.ReadAccountAsync();
                return;
            }
            catch (Microsoft.Azure.Cosmos.CosmosException e) when (attempt < 5)
            {
                Console.WriteLine($"  raw read: account read failed ({(int)e.StatusCode}/{e.SubStatusCode}, attempt {attempt}); again in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
        }
    }
}

/// <summary>Orders and lines read and the seconds it took.</summary>
internal sealed record ReadFigures(long Orders, long Lines, double Seconds)
{
    public double LinesPerSecond => Lines / Math.Max(Seconds, 0.001);
}
