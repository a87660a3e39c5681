using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Tests.Push;

/// <summary>
/// When a ledger change queues a push for a listing already dirty: only when its message looks lost, by the same rule as
/// the drift check's backstop (<see cref="LostPushRequeue.LooksLost"/>), so a change never cuts a failure's back-off short
/// nor queues a listing that waits for its account's resume. And which listings an import gives a follow-up push, and when.
/// </summary>
public sealed class ListingDirtyMarkerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly ChannelListing Listing = new(SalesChannel.Walmart, "W-MUG", "main", ShipNode: "node-1");

    private static readonly InventoryPushOptions Settings = new()
    {
        CoalesceDelay = TimeSpan.FromSeconds(1),
        RequeueAfter = TimeSpan.FromMinutes(5),
        ClaimTimeout = TimeSpan.FromMinutes(3),
        FailedRetryDelay = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public void Mark_DirtyListingInItsFailureBackOff_QueuesNothingUntilTheRetryIsOverdue()
    {
        // Five failures in a row: the worker queued the retry 16 minutes out (RetryDelayAfter(5)) six minutes ago.
        var failing = Dirty(queuedAt: Now - TimeSpan.FromMinutes(6)) with { ConsecutiveFailures = 5 };

        var (next, needsMessage) = Decide(failing, Now);
        var (_, overdue) = Decide(failing, Now + TimeSpan.FromMinutes(16));

        Assert.False(needsMessage, "a ledger change queued a push inside the failure back-off");
        Assert.Null(next);
        Assert.True(overdue, "the retry is 6 minutes overdue (more than RequeueAfter), so its message looks lost");
    }

    [Fact]
    public void Mark_DirtyListingWaitingForItsAccountsResume_QueuesNothing()
    {
        var paused = Dirty(queuedAt: Now - TimeSpan.FromHours(1)) with { PausedSince = Now - TimeSpan.FromHours(1) };

        var (next, needsMessage) = Decide(paused, Now);

        Assert.False(needsMessage, "a ledger change queued a push for a listing its account's pause holds");
        Assert.Null(next);
    }

    [Fact]
    public void Mark_DirtyListingWhoseMessageIsOlderThanRequeueAfter_QueuesAgain()
    {
        var (next, needsMessage) = Decide(Dirty(queuedAt: Now - TimeSpan.FromMinutes(6)), Now);

        Assert.True(needsMessage);
        Assert.Equal(Now, next!.QueuedAt);
        Assert.Equal(Now + Settings.CoalesceDelay, next.ClaimableFrom);
    }

    [Fact]
    public void Mark_DirtyListingQueuedRecently_RidesOnThatMessage()
    {
        var (next, needsMessage) = Decide(Dirty(queuedAt: Now - TimeSpan.FromMinutes(1)), Now);

        Assert.False(needsMessage);
        Assert.Null(next);
    }

    [Fact]
    public void Mark_CleanListing_QueuesOneMessage()
    {
        var (next, needsMessage) = Decide(null, Now);

        Assert.True(needsMessage);
        Assert.True(next!.Dirty);
        Assert.Equal(Now, next.QueuedAt);
    }

    [Fact]
    public void ImportFollowUp_OnlyForAListingAnInstanceKeepingTheOldItemWouldNotMarkAtItsLocation()
    {
        var item = new CatalogItem("acme", "MUG", "Mug", null, CatalogItemStatus.Active, "USD", 10m, null, [Listing]);

        Assert.True(ListingDirtyMarker.StaleMarkersMiss(item, Listing with { StockLocation = "east" }), "moved to another location");
        Assert.True(ListingDirtyMarker.StaleMarkersMiss(item, Listing with { ChannelSku = "W-MUG-2" }), "new to the item");
        Assert.True(ListingDirtyMarker.StaleMarkersMiss(item with { Listings = [Listing with { ChannelFulfilled = true }] }, Listing), "no longer channel-fulfilled");
        Assert.False(ListingDirtyMarker.StaleMarkersMiss(item, Listing with { ShipNode = "node-2" }), "same location: marked, and the worker reads the new ids");
        Assert.False(ListingDirtyMarker.StaleMarkersMiss(null, Listing), "a new item is kept nowhere");
    }

    [Fact]
    public void ImportFollowUp_WaitsOutTheReadCache_NoneWhenNothingIsKept()
    {
        Assert.Equal(TimeSpan.FromSeconds(32), ListingDirtyMarker.FollowUpDelay(new CatalogOptions { ReadCacheSeconds = 30 }, Settings));
        Assert.Null(ListingDirtyMarker.FollowUpDelay(new CatalogOptions { ReadCacheSeconds = 0 }, Settings));
    }

    private static ListingPushDocument Dirty(DateTimeOffset queuedAt) =>
        ListingPushDocument.New("acme", "MUG", Listing.Channel, Listing.ChannelSku, Listing.StockLocation) with
        {
            Dirty = true,
            DirtySince = queuedAt,
            QueuedAt = queuedAt,
        };

    private static (ListingPushDocument? Next, bool NeedsMessage) Decide(ListingPushDocument? current, DateTimeOffset now) =>
        ListingDirtyMarker.Decide(current, "acme", "MUG", Listing, now, now, Settings);
}
