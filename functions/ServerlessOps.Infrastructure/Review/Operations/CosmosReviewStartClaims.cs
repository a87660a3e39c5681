using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>
/// <see cref="IReviewStartClaims"/> on container <c>leases</c> (<see cref="ReviewStartClaimDocument"/>): a claim is created
/// (409: someone else claimed) or replaced under the ETag read (412: someone else claimed since), the exclusive step that
/// makes concurrent timer ticks and manual starts schedule a month's review once.
/// </summary>
public sealed class CosmosReviewStartClaims(CosmosContainers containers, ILogger<CosmosReviewStartClaims> logger) : IReviewStartClaims
{
    private readonly CosmosDocuments<ReviewStartClaimDocument> _documents = new(containers.Leases, 100, logger);

    public async Task<ReviewStartClaim?> ReadAsync(string brandId, ReviewMonth month, CancellationToken cancellationToken = default)
    {
        var read = await _documents.ReadAsync(ReviewStartClaimDocument.PartitionKeyFor(brandId), ReviewStartClaimDocument.IdFor(brandId, month), cancellationToken);
        return read is { } found ? found.Document.ToClaim(found.ETag) : null;
    }

    public async Task<ReviewStartClaim?> TryClaimAsync(
        string brandId, ReviewMonth month, ReviewStartClaim? seen, string claimedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var document = Document(brandId, month, (seen?.Generation ?? 0) + 1, claimedBy, at, scheduled: false);
        try
        {
            var etag = seen is null
                ? await _documents.CreateAsync(document, document.Pk, document.Id, cancellationToken)
                : await _documents.ReplaceAsync(document, document.Pk, document.Id, seen.ETag, cancellationToken);
            return document.ToClaim(etag);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
    }

    public async Task MarkScheduledAsync(ReviewStartClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var document = Document(claim.BrandId, claim.Month, claim.Generation, claim.ClaimedBy, claim.ClaimedAt, scheduled: true);
        try
        {
            await _documents.ReplaceAsync(document, document.Pk, document.Id, claim.ETag, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // A newer start took the claim over (ours looked abandoned): its holder marks it.
        }
    }

    public async Task ReleaseAsync(ReviewStartClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            await _documents.DeleteAsync(ReviewStartClaimDocument.PartitionKeyFor(claim.BrandId), ReviewStartClaimDocument.IdFor(claim.BrandId, claim.Month), claim.ETag, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Someone claimed it since: theirs now.
        }
    }

    private static ReviewStartClaimDocument Document(string brandId, ReviewMonth month, int generation, string claimedBy, DateTimeOffset at, bool scheduled) => new()
    {
        Id = ReviewStartClaimDocument.IdFor(brandId, month),
        Pk = ReviewStartClaimDocument.PartitionKeyFor(brandId),
        BrandId = brandId,
        Month = month.ToString(),
        Generation = generation,
        ClaimedBy = claimedBy,
        ClaimedAt = at,
        Scheduled = scheduled,
    };
}
