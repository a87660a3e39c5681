using System.Text;

namespace ServerlessOps.Durable.AzureStorage.Queues;

/// <summary>
/// Maps an instance id onto a control-queue partition exactly as the Durable Functions Azure Storage
/// provider does (FNV-1a, 32 bit, over the UTF-8 bytes, modulo the partition count), so a task hub laid
/// out by either runtime puts an instance on the same queue.
/// </summary>
internal static class PartitionHash
{
    private const uint FnvPrime = 16777619;
    private const uint FnvOffsetBasis = 2166136261;

    /// <summary>The FNV-1a 32-bit hash of the UTF-8 encoding of <paramref name="value"/>.</summary>
    public static uint Fnv1a(string value)
    {
        var hash = FnvOffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            unchecked
            {
                hash ^= b;
                hash *= FnvPrime;
            }
        }

        return hash;
    }

    /// <summary>The partition (0..<paramref name="partitionCount"/>-1) that owns <paramref name="instanceId"/>.</summary>
    public static int PartitionOf(string instanceId, int partitionCount) =>
        (int)(Fnv1a(instanceId) % (uint)partitionCount);
}
