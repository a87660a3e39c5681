namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// How patient a storage client is. The webhook edge answers a channel that gives up after 5 s, so it fails
/// fast and lets the channel retry; everything behind the queue (processing, the queue listener, the sweep,
/// the APIs) would rather wait out a slow moment than fail a delivery towards quarantine.
/// </summary>
public enum StorageProfile
{
    /// <summary>Behind the queue: a few tries with back-off, each allowed 5 s; worst case well inside a message's 30 s visibility.</summary>
    Background,

    /// <summary>The webhook edge: two tries of at most 2 s, so a 503 goes back within the channel's 5 s deadline.</summary>
    Edge,
}
