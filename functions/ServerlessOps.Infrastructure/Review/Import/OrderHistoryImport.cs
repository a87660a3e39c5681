using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review.Import;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Ingestion;

namespace ServerlessOps.Infrastructure.Review.Import;

/// <summary>
/// Imports order history into the order truth. The file is read twice from the body as received, one order at a time:
/// first every order is checked (form, values, one order per id in the file) keeping only the ids seen, then, when
/// nothing was wrong, read again and converged <see cref="ReviewImportOptions.ImportConcurrency"/> orders at a time. So
/// memory holds the body, the ids and the orders in flight, whatever the file's size.
/// <para>
/// Orders converge through <see cref="OrderConverger"/> exactly as webhook orders do (same id, same version rule, facts
/// merged by id), as delivery <c>import:{importId}:line:{n}</c>, which makes a repeated post of an Applying import a
/// no-op per order. The converger is built here without a flow starter: an imported order, even one placed after go-live,
/// never starts or wakes an order flow, and so never reserves, releases or restocks a unit.
/// </para>
/// </summary>
public sealed class OrderHistoryImport
{
    /// <summary>The topic of the delivery reference an imported order carries.</summary>
    public const string Topic = "history-import";

    private readonly OrderConverger _converger;
    private readonly TimeProvider _time;
    private readonly ReviewImportOptions _options;
    private readonly ILogger<OrderHistoryImport> _logger;

    public OrderHistoryImport(IOrderStore orders, IBrandDirectorySource brands, TimeProvider time, IOptions<ReviewImportOptions> options, ILogger<OrderHistoryImport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);

        // No IOrderFlowStarter on purpose: history must not start flows (see the class summary).
        _converger = new OrderConverger(orders, brands, time);
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Checks the whole file now; the plan's Apply reads it again and writes.</summary>
    public ImportPlan Plan(ImportRequest request, string importId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ImportError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = 0;
        var orders = 0;
        foreach (var item in Read(request))
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows += item.Rows;
            errors.AddRange(item.Errors);
            if (item.Input is null)
            {
                continue;
            }

            var order = OrderHistoryParser.Parse(request.BrandId, item.Input, errors);
            if (order is null)
            {
                continue;
            }

            orders++;
            if (!seen.TryAdd(order.Id, item.Line))
            {
                var again = request.Format == ImportFormat.Csv ? "; the rows of one order must be consecutive" : "; one line per order";
                errors.Add(item.Input.Order.Error("externalOrderId", $"order {order.Id} is already on line {seen[order.Id]}{again}."));
            }
        }

        _logger.OrderHistoryChecked(request.BrandId, importId, orders, errors.Count);
        return new ImportPlan(errors, ct => ApplyAsync(request, importId, ct)) { Rows = rows };
    }

    private async Task<IReadOnlyDictionary<string, int>> ApplyAsync(ImportRequest request, string importId, CancellationToken cancellationToken)
    {
        var applied = 0;
        var unchanged = 0;
        var history = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.ImportConcurrency, CancellationToken = cancellationToken };

        // Parallel.ForEachAsync pulls from the enumerable as workers free up, so only the orders in flight are parsed.
        await Parallel.ForEachAsync(Read(request), parallel, async (item, ct) =>
        {
            var errors = new List<ImportError>();
            var order = OrderHistoryParser.Parse(request.BrandId, item.Input!, errors)
                ?? throw new InvalidOperationException($"Order on line {item.Line} of import {importId} passed the check but not the second read: {errors.FirstOrDefault()?.Message}");
            var delivery = new DeliveryReference(
                $"import:{importId}:line:{item.Line}", order.Channel, $"{importId}:{item.Line}", Topic, string.Empty, _time.GetUtcNow(), DeliveryOutcome.Applied);
            var written = await _converger.ConvergeAsync(order, delivery, ct);
            Interlocked.Increment(ref written.Outcome == DeliveryOutcome.Applied ? ref applied : ref unchanged);
            if (written.Order.IsHistory)
            {
                Interlocked.Increment(ref history);
            }
        });

        _logger.OrderHistoryApplied(request.BrandId, importId, applied, unchanged);
        return new Dictionary<string, int> { ["orders"] = applied, ["ordersUnchanged"] = unchanged, ["ordersBeforeGoLive"] = history };
    }

    private static IEnumerable<OrderHistoryItem> Read(ImportRequest request) =>
        request.Format == ImportFormat.JsonLines ? OrderHistoryJsonLinesReader.Read(request.Body) : OrderHistoryCsvReader.Read(request.Body);
}
