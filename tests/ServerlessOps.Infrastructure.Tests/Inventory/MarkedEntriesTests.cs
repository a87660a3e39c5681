using ServerlessOps.Infrastructure.Inventory;

namespace ServerlessOps.Infrastructure.Tests.Inventory;

public sealed class MarkedEntriesTests
{
    [Fact]
    public void TakeIfMarked_AnswersAMarkedEntryOnce_AndOnlyInItsOwnPartition()
    {
        var marked = new MarkedEntries(capacity: 10);
        marked.Add("acme|SKU-1", "order:1:L1:r1");

        Assert.False(marked.TakeIfMarked("acme|SKU-2", "order:1:L1:r1"));
        Assert.True(marked.TakeIfMarked("acme|SKU-1", "order:1:L1:r1"));
        Assert.False(marked.TakeIfMarked("acme|SKU-1", "order:1:L1:r1"));
    }

    [Fact]
    public void Add_PastCapacity_ForgetsWhatItHeld_SoATrimReadsThoseEntriesAsBefore()
    {
        var marked = new MarkedEntries(capacity: 3);
        foreach (var id in new[] { "e1", "e2", "e3", "e4" })
        {
            marked.Add("pk", id);
        }

        Assert.False(marked.TakeIfMarked("pk", "e1"));
        Assert.True(marked.TakeIfMarked("pk", "e4"));
    }
}
