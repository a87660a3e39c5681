using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Review.Facts;

/// <summary>The review's streaming read on the Cosmos server: one month partition at a time, paged (page size 2 here).</summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosOrderStoreStreamTests(CosmosServerFixture cosmos) : CosmosDatabaseTest(cosmos)
{
    [Fact]
    public async Task StreamPlaced_AcrossUtcMonths_YieldsTheWindowsOrdersOfTheChannel_OldestFirst()
    {
        var store = new CosmosOrderStore(Containers, Options, NullLogger<CosmosOrderStore>.Instance);
        var times = new[]
        {
            new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 2, 4, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 3, 4, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 1, 4, 59, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero),
        };
        for (var i = 0; i < times.Length; i++)
        {
            await store.CreateAsync(TestData.Stored(TestData.Order("brand-s", $"s{i}", times[i])), Token);
        }

        await store.CreateAsync(TestData.Stored(TestData.Order("brand-s", "amazon-1", times[2], SalesChannel.Amazon)), Token);
        await store.CreateAsync(TestData.Stored(TestData.Order("brand-other", "x", times[2])), Token);

        // November in New York: [1 Nov 04:00 UTC, 1 Dec 05:00 UTC).
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4));
        var until = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(-5));
        var ids = new List<string>();
        await foreach (var stored in store.StreamPlacedAsync("brand-s", from, until, SalesChannel.Shopify, Token))
        {
            ids.Add(stored.Order.ExternalOrderId);
        }

        Assert.Equal(["s1", "s2", "s3", "s4"], ids);
    }

    [Fact]
    public async Task StreamPlaced_OrdersPlacedAtTheSameInstant_ComeInIdOrderWhateverOrderTheyWereWritten()
    {
        var store = new CosmosOrderStore(Containers, Options, NullLogger<CosmosOrderStore>.Instance);
        var at = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
        string[] written = ["t-3", "t-1", "t-4", "t-2"];
        foreach (var id in written)
        {
            await store.CreateAsync(TestData.Stored(TestData.Order("brand-ties", id, at)), Token);
        }

        await store.CreateAsync(TestData.Stored(TestData.Order("brand-ties", "t-0", at.AddMinutes(1))), Token);
        await store.CreateAsync(TestData.Stored(TestData.Order("brand-ties", "t-9", at.AddMinutes(-1))), Token);

        var streamed = new List<string>();
        await foreach (var stored in store.StreamPlacedAsync("brand-ties", at.AddDays(-1), at.AddDays(1), cancellationToken: Token))
        {
            streamed.Add(stored.Order.ExternalOrderId);
        }

        // Placed-at order first; the four written at one instant in the order of their ids, not of their writes.
        Assert.Equal(["t-9", "t-1", "t-2", "t-3", "t-4", "t-0"], streamed);
    }

    [Fact]
    public async Task StreamPlaced_WithoutChannel_YieldsEveryChannel()
    {
        var store = new CosmosOrderStore(Containers, Options, NullLogger<CosmosOrderStore>.Instance);
        var at = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
        await store.CreateAsync(TestData.Stored(TestData.Order("brand-t", "a", at)), Token);
        await store.CreateAsync(TestData.Stored(TestData.Order("brand-t", "b", at.AddMinutes(1), SalesChannel.Walmart)), Token);

        var count = 0;
        await foreach (var _ in store.StreamPlacedAsync("brand-t", at.AddDays(-1), at.AddDays(1), cancellationToken: Token))
        {
            count++;
        }

        Assert.Equal(2, count);
    }
}
