namespace ServerlessOps.Functions.Audit;

/// <summary>
/// What a handler adds to its route's audit entry (<see cref="Http.HttpCall.Audit"/>), all optional. Never a secret,
/// a token or a buyer's personal data.
/// </summary>
/// <param name="Detail">A short description of what was done (figures, outcome); default: the answer's status.</param>
/// <param name="Reference">The feature's own record of the same fact, e.g. <c>inventoryLedger:{entry id}</c>.</param>
/// <param name="FactKey">
/// What makes this action one fact however often it is requested (a ledger entry id, an import id): the entry's id is
/// derived from it, so a retry, even hours later, logs nothing new. Without it the caller's <c>Idempotency-Key</c>
/// serves, else a retry within about a minute is recognised (<see cref="HumanActionRecorder"/>).
/// </param>
/// <param name="BrandId">The brand acted on, for a route without <c>{brandId}</c> (creating a brand).</param>
public sealed record AuditNote(string? Detail = null, string? Reference = null, string? FactKey = null, string? BrandId = null)
{
    /// <summary>
    /// A change to the registry (brand or account): the version it wrote, named by its ETag, is the fact. A retry that
    /// wrote nothing new (no change, so the same version) logs nothing more, and two real changes by one person within a
    /// minute (two rotations, two edits) are two entries, where their identical details alone would have made one.
    /// </summary>
    public static AuditNote ForRegistryWrite(string action, string etag) => new(action, "registry", FactKey: "registry:" + etag);
}
