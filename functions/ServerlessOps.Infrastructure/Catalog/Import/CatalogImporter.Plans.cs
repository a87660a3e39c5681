using System.Collections.Concurrent;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>Per kind: the checks against stored data, and the writes.</summary>
public sealed partial class CatalogImporter
{
    private Task<ImportPlan> PlanAsync(ImportRequest request, string sha256, ImportFile file, CancellationToken cancellationToken)
    {
        var importId = ImportRecord.IdFor(request.Kind, sha256);
        var rows = file.Rows.ToDictionary(r => r.Line);
        return request.Kind switch
        {
            ImportKind.Catalog => PlanCatalogAsync(request.BrandId, importId, file, rows, cancellationToken),
            ImportKind.Costs => PlanCostsAsync(request.BrandId, file, rows, cancellationToken),
            ImportKind.Fees => Task.FromResult(PlanFees(request.BrandId, file)),
            _ => PlanStockCountsAsync(request.BrandId, sha256, request.ImportedBy, file, rows, cancellationToken),
        };
    }

    private async Task<ImportPlan> PlanCatalogAsync(string brandId, string importId, ImportFile file, Dictionary<int, ImportRow> rows, CancellationToken cancellationToken)
    {
        var parse = CatalogRows.Parse(brandId, file.Rows);
        var errors = new List<ImportError>([.. file.Errors, .. parse.Errors]);
        var inFile = parse.Values.Select(v => v.Value.Sku).ToHashSet(StringComparer.Ordinal);

        // A channel SKU another stored item holds can only move if that item is in the same file (and drops it there):
        // otherwise the other item would keep listing a channel SKU that no longer maps to it.
        var conflicts = new ConcurrentBag<ImportError>();
        await ForEachAsync(parse.Values.SelectMany(v => v.Value.Listings.Select(l => (v.Line, v.Value.Sku, Listing: l))), async (entry, ct) =>
        {
            var stored = await _store.GetListingAsync(brandId, entry.Listing.Channel, entry.Listing.ChannelSku, ct);
            if (stored is { } found && found.Document.Sku != entry.Sku && !inFile.Contains(found.Document.Sku))
            {
                var column = CatalogRows.ChannelSkuField(entry.Listing.Channel);
                var line = LineOfListing(brandId, file, entry.Sku, entry.Listing) ?? entry.Line;
                conflicts.Add(new ImportError(line, rows[line].Error(column, string.Empty).Column,
                    $"{entry.Listing.Channel} SKU '{entry.Listing.ChannelSku}' is listed for catalog SKU '{found.Document.Sku}'; to move it, import '{found.Document.Sku}' without it in the same file."));
            }
        }, cancellationToken);
        errors.AddRange(conflicts);

        return new ImportPlan(errors, async ct =>
        {
            var listings = 0;
            var removed = 0;
            await ForEachAsync(parse.Values.Select(v => v.Value), async (item, token) =>
            {
                // Stale lookups go first and the item last, so until the item is rewritten its stored version still
                // names every lookup a retry of this file must reconsider.
                var previous = await _store.GetItemAsync(brandId, item.Sku, token);
                foreach (var old in previous?.Listings ?? [])
                {
                    if (!item.Listings.Any(l => l.Channel == old.Channel && l.ChannelSku == old.ChannelSku)
                        && await _store.DeleteListingIfMappedToAsync(brandId, old.Channel, old.ChannelSku, item.Sku, token))
                    {
                        Interlocked.Increment(ref removed);
                    }
                }

                foreach (var listing in item.Listings)
                {
                    await _store.PutListingAsync(item, listing, importId, token);
                    Interlocked.Increment(ref listings);
                }

                // A listing new to the item or changed (another location, other ids) has never had its available-to-sell
                // pushed from there, and no ledger change may come to push it. Marked before the item is rewritten, so a
                // crash in between leaves the stored item without it and the file posted again marks it again. The previous
                // item is what other instances may still keep: a listing it lacks at that location also gets a follow-up push.
                if (_pushes is not null)
                {
                    await _pushes.MarkListingsAsync(brandId, item.Sku, item.Listings.Where(l => previous?.Listings.Contains(l) != true), previous, token);
                }

                await _store.PutItemAsync(item, importId, token);
            }, ct);
            return new Dictionary<string, int> { ["items"] = parse.Values.Count, ["listings"] = listings, ["listingsRemoved"] = removed };
        });
    }

    private async Task<ImportPlan> PlanCostsAsync(string brandId, ImportFile file, Dictionary<int, ImportRow> rows, CancellationToken cancellationToken)
    {
        var parse = CostRows.Parse(file.Rows);
        var errors = new List<ImportError>([.. file.Errors, .. parse.Errors]);
        var items = await ReadItemsAsync(brandId, parse.Values.Select(v => v.Value.Sku), cancellationToken);
        foreach (var (line, cost) in parse.Values)
        {
            var row = rows[line];
            if (items[cost.Sku] is not { } item)
            {
                errors.Add(row.Error("sku", $"SKU '{cost.Sku}' is not in the catalog; import it with the catalog first."));
            }
            else if (item.Currency != cost.Currency)
            {
                errors.Add(row.Error("currency", $"SKU '{cost.Sku}' is priced in {item.Currency}; its unit cost must be too, found {cost.Currency}."));
            }
        }

        return new ImportPlan(errors, async ct =>
        {
            await ForEachAsync(parse.Values.GroupBy(v => v.Value.Sku, StringComparer.Ordinal), (group, token) =>
                new ValueTask(_store.MergeCostsAsync(brandId, group.Key, [.. group.Select(v => v.Value)], token)), ct);
            return new Dictionary<string, int> { ["costs"] = parse.Values.Count };
        });
    }

    private ImportPlan PlanFees(string brandId, ImportFile file)
    {
        var parse = FeeRows.Parse(file.Rows);
        return new ImportPlan([.. file.Errors, .. parse.Errors], async ct =>
        {
            // Stamped so the monthly review can tell the schedule a closed month was reported with from a later correction.
            var recordedAt = _time.GetUtcNow();
            await ForEachAsync(parse.Values.GroupBy(v => v.Value.Channel), (group, token) =>
                new ValueTask(_store.MergeFeesAsync(brandId, group.Key, [.. group.Select(v => v.Value)], recordedAt, token)), ct);
            return new Dictionary<string, int> { ["feeRules"] = parse.Values.Count };
        });
    }

    private async Task<ImportPlan> PlanStockCountsAsync(string brandId, string sha256, string importedBy, ImportFile file, Dictionary<int, ImportRow> rows, CancellationToken cancellationToken)
    {
        var parse = StockCountRows.Parse(file.Rows, _time.GetUtcNow());
        var errors = new List<ImportError>([.. file.Errors, .. parse.Errors]);
        if (_ledger is null)
        {
            errors.Add(new ImportError(1, null, "stock counts cannot be imported: this deployment has no inventory ledger registered."));
        }

        var items = await ReadItemsAsync(brandId, parse.Values.Select(v => v.Value.Sku), cancellationToken);
        foreach (var (line, count) in parse.Values)
        {
            if (items[count.Sku] is null)
            {
                errors.Add(rows[line].Error("sku", $"SKU '{count.Sku}' is not in the catalog; import it with the catalog first."));
            }
        }

        errors.AddRange(await ConflictingCountsAsync(brandId, parse.Values.Where(v => items[v.Value.Sku] is not null), rows, cancellationToken));
        var superseded = new ConcurrentBag<int>();
        return new ImportPlan(errors, async ct =>
        {
            var applied = 0;
            var already = 0;
            var conflicting = 0;
            superseded.Clear();
            await ForEachAsync(parse.Values, async (entry, token) =>
            {
                var (line, count) = entry;
                var reason = $"counted at {count.CountedAt:O} (import {sha256[..12]}, line {line})" + (count.Reason is null ? string.Empty : $": {count.Reason}");
                var movement = new StockMovement(brandId, count.Sku, count.Location, StockMovementKind.Count, count.Quantity, count.Cause, reason)
                {
                    Actor = importedBy,
                    CountedAt = count.CountedAt,
                };
                try
                {
                    var result = await _ledger!.ApplyAsync(movement, token);
                    if (result.Outcome == StockApplyOutcome.Superseded)
                    {
                        // A newer count of the SKU and location stands already: it accounts for everything up to it.
                        superseded.Add(line);
                    }
                    else
                    {
                        Interlocked.Increment(ref result.Outcome == StockApplyOutcome.AlreadyApplied ? ref already : ref applied);
                    }
                }
                catch (StockMovementConflictException e)
                {
                    // The plan refused every count recorded with another quantity (ConflictingCountsAsync); one recorded
                    // since, by a concurrent import or the adjustments API, still loses to the first: the ledger refuses a
                    // cause reused for another movement.
                    _logger.CountConflicting(brandId, count.Sku, count.Location, count.CountedAt, e.Recorded?.Quantity, count.Quantity);
                    Interlocked.Increment(ref conflicting);
                }
            }, ct);
            return new Dictionary<string, int> { ["counts"] = applied, ["countsAlreadyApplied"] = already, ["countsConflicting"] = conflicting, ["countsSuperseded"] = superseded.Count };
        })
        {
            SupersededLines = () => [.. superseded.Order()],
        };
    }

    /// <summary>
    /// The counts of the file the ledger already holds with another quantity (the same SKU, location and instant: one
    /// cause), as errors at their lines. Applying them would leave the first count standing and the file half applied, so
    /// the file is refused whole; the same count with the same quantity is a re-import and applies as a no-op. One point
    /// read per count, in the count's own partition.
    /// </summary>
    private async Task<IReadOnlyCollection<ImportError>> ConflictingCountsAsync(
        string brandId, IEnumerable<ImportLine<StockCount>> counts, Dictionary<int, ImportRow> rows, CancellationToken cancellationToken)
    {
        var conflicts = new ConcurrentBag<ImportError>();
        if (_ledger is null)
        {
            return conflicts;
        }

        await ForEachAsync(counts, async (entry, ct) =>
        {
            var (line, count) = entry;
            var entryId = new StockMovement(brandId, count.Sku, count.Location, StockMovementKind.Count, count.Quantity, count.Cause).EntryId;
            if (await _ledger.FindMovementAsync(brandId, count.Sku, entryId, ct) is { } recorded
                && (recorded.Quantity != count.Quantity || !string.Equals(recorded.Location, count.Location, StringComparison.Ordinal)))
            {
                conflicts.Add(rows[line].Error("countedQuantity",
                    $"SKU '{count.Sku}' at '{count.Location}' counted at {count.CountedAt.UtcDateTime:O} is already recorded with {recorded.Quantity} unit(s), " +
                    $"this line says {count.Quantity}; the first count stands. A recount needs its own countedAt."));
            }
        }, cancellationToken);
        return conflicts;
    }

    /// <summary>
    /// The line that lists <paramref name="listing"/> of <paramref name="sku"/>: an item's listings may come from several
    /// rows (a merchant-fulfilled and an FBA seller SKU), and the parsed item keeps only its first row's line. Asked only
    /// for a listing in error, so re-reading the item's rows one at a time costs nothing on a good file.
    /// </summary>
    private static int? LineOfListing(string brandId, ImportFile file, string sku, ChannelListing listing) =>
        file.Rows
            .Where(r => string.Equals(r["sku"], sku, StringComparison.Ordinal))
            .FirstOrDefault(r => CatalogRows.Parse(brandId, [r]).Values.Any(v => v.Value.Listings.Contains(listing)))?.Line;

    private async Task<IReadOnlyDictionary<string, CatalogItem?>> ReadItemsAsync(string brandId, IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var items = new ConcurrentDictionary<string, CatalogItem?>(StringComparer.Ordinal);
        await ForEachAsync(skus.Distinct(StringComparer.Ordinal), async (sku, ct) => items[sku] = await _store.GetItemAsync(brandId, sku, ct), cancellationToken);
        return items;
    }
}
