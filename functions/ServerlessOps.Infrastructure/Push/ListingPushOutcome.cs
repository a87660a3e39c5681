namespace ServerlessOps.Infrastructure.Push;

/// <summary>What handling one push message did.</summary>
public enum ListingPushOutcome
{
    /// <summary>The listing is unknown (no push state and not in the catalog): nothing to do.</summary>
    NothingToDo,

    /// <summary>Another worker holds the listing, or it is not claimable yet; the message was queued again for when it is.</summary>
    Busy,

    /// <summary>The channel accepted the quantity.</summary>
    Pushed,

    /// <summary>The quantity equals what the channel was last given: nothing sent.</summary>
    Unchanged,

    /// <summary>The account's pushes are paused: the listing waits, dirty, for the resume.</summary>
    Paused,

    /// <summary>A drop to zero held by the mass-drop brake until a person confirms.</summary>
    Held,

    /// <summary>The push failed after its retries: the listing stays dirty, the owner is alerted, a later attempt is queued.</summary>
    Failed,

    /// <summary>The listing cannot be pushed (gone from the catalog, channel-fulfilled, no connected account).</summary>
    NotPushable,
}
