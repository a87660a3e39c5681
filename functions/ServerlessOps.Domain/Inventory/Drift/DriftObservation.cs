namespace ServerlessOps.Domain.Inventory.Drift;

/// <summary>
/// The first read that found a listing off the truth, kept until a second read decides: drift is counted only when it
/// persists across two reads with no push of ours in between.
/// </summary>
/// <param name="SeenAt">When the first read was made.</param>
/// <param name="ChannelQuantity">What the channel showed then.</param>
/// <param name="Expected">What we had last pushed then (the truth the channel should show).</param>
/// <param name="LastPushedAt">Our last push before that read: a later push makes this observation stale.</param>
public sealed record DriftObservation(DateTimeOffset SeenAt, int ChannelQuantity, int Expected, DateTimeOffset? LastPushedAt);
