using ServerlessOps.Durable.AzureStorage.Queues;

namespace ServerlessOps.Durable.AzureStorage.Tests.Queues;

public sealed class PartitionHashTests
{
    [Theory]
    [InlineData("", 0x811C9DC5u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    public void Fnv1a_KnownVectors_MatchTheReferenceHash(string value, uint expected) =>
        Assert.Equal(expected, PartitionHash.Fnv1a(value));

    [Fact]
    public void PartitionOf_ManyIds_SpreadOverEveryPartition()
    {
        var partitions = Enumerable.Range(0, 400).Select(i => PartitionOf($"order-{i}", 4)).ToHashSet();
        Assert.Equal([0, 1, 2, 3], partitions.Order());
    }

    internal static int PartitionOf(string instanceId, int count) => PartitionHash.PartitionOf(instanceId, count);
}
