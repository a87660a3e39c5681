using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Settlements;

/// <summary>
/// The daily settlement import (monthly review issue, "fees actually charged, after go-live"). Per connected channel
/// account: read the payouts of the last <see cref="SettlementOptions.Lookback"/> with all their lines
/// (<see cref="ISettlementReader"/>; a failed or malformed answer writes nothing for that account), store each line once by
/// transaction id, write the fee lines of every order the truth holds as the order's charged fees (ETag-guarded; lines
/// of an order not there yet stay pending and are matched by a later run), and reconcile every payout: paid vs Σ its rows,
/// a difference beyond a cent kept (<see cref="ISettlementStore.PutReconciliationAsync"/>) and raised to the brand's
/// finance owner (<see cref="AlertKind.PayoutMismatch"/>). A payout whose answer held events the reader does not read is
/// kept as not reconcilable, saying which lists, and raises no mismatch but <see cref="AlertKind.PayoutUnchecked"/>, so
/// finance checks it by hand (cleared once a later read can check it); each such list is logged once per account read.
/// Re-running changes nothing. Safe beside itself: lines are
/// created once, order writes are ETag-guarded, reconciliations are last-writer-wins of the same figures.
/// </summary>
public sealed class SettlementImport(
    IBrandDirectorySource brands,
    IEnumerable<ISettlementReader> readers,
    ISettlementStore store,
    IOrderStore orders,
    IAlertRaiser alerts,
    IOptionsMonitor<SettlementOptions> options,
    TimeProvider time,
    ILogger<SettlementImport> logger)
{
    private const int MaxEvidenceRows = 20;
    private readonly Dictionary<SalesChannel, ISettlementReader> _readers = readers.ToDictionary(r => r.Channel);

    /// <summary>Imports every connected account (of one brand when <paramref name="brandId"/> is given), one after another; one failing account never stops the others.</summary>
    public async Task<SettlementRunReport> RunAsync(string? brandId = null, CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetUtcNow();
        var accounts = brands.Current.All
            .Where(r => r.Status != ChannelAccountStatus.Disconnected && (brandId is null || r.Account.BrandId == brandId) && _readers.ContainsKey(r.Account.Channel))
            .Select(r => r.Account)
            .OrderBy(a => a.BrandId, StringComparer.Ordinal).ThenBy(a => a.Channel).ThenBy(a => a.AccountId, StringComparer.Ordinal)
            .ToList();
        var reports = new List<SettlementAccountReport>();
        foreach (var account in accounts)
        {
            reports.Add(await ImportAccountAsync(account, startedAt, cancellationToken));
        }

        return new SettlementRunReport(startedAt, reports);
    }

    /// <summary>
    /// One account: read whole, then write. A channel or answer problem, or an order other writers kept changing, is the
    /// account's report, not an exception.
    /// </summary>
    public async Task<SettlementAccountReport> ImportAccountAsync(ChannelAccount account, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        SettlementBatch batch;
        try
        {
            batch = await _readers[account.Channel].ReadAsync(account, now - options.CurrentValue.Lookback, now, cancellationToken);
            Check(account, batch);
        }
        catch (Exception ex) when (ex is ChannelApiException or SettlementAnswerException or ChannelPayloadException or InvalidOperationException)
        {
            logger.AccountFailed(account.Channel, account.AccountId, account.BrandId, ex.Message);
            return SettlementAccountReport.Failed(account.Channel, account.AccountId, ex.Message);
        }

        foreach (var unread in batch.UnreadEvents)
        {
            logger.EventsNotRead(account.Channel, account.AccountId, account.BrandId, unread.Events, unread.List);
        }

        var imported = 0;
        foreach (var line in batch.Lines)
        {
            imported += await store.AddLineAsync(account.BrandId, line, now, cancellationToken) ? 1 : 0;
        }

        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        var updated = new List<string>();
        var pending = new List<string>();
        var conflicted = new List<string>();
        foreach (var group in (await store.ListPendingAsync(account.BrandId, account.Channel, account.AccountId, cancellationToken)).GroupBy(l => l.Line.ExternalOrderId!, StringComparer.Ordinal))
        {
            bool? outcome;
            try
            {
                outcome = await ApplyAsync(account, group.Key, [.. group.Select(l => l.Line)], now, cancellationToken);
            }
            catch (ConcurrencyConflictException ex)
            {
                // Other writers changed the order through every attempt. Its rows stay pending (the next run applies them);
                // the account's other orders and the accounts after it go on, and the account's report says which order.
                logger.OrderNotApplied(OrderId.For(account.Channel, group.Key), account.BrandId, ex.Message);
                conflicted.Add(OrderId.For(account.Channel, group.Key));
                outcome = null;
            }

            known[group.Key] = outcome is not null;
            if (outcome is null)
            {
                pending.Add(group.Key);
                continue;
            }

            if (outcome.Value)
            {
                updated.Add(OrderId.For(account.Channel, group.Key));
            }

            foreach (var line in group)
            {
                await store.MarkMatchedAsync(account.BrandId, line.Line, now, cancellationToken);
            }
        }

        var reconciled = new List<PayoutReconciliation>();
        foreach (var payout in batch.Payouts)
        {
            reconciled.Add(await ReconcileAsync(account, payout, known, now, cancellationToken));
        }

        logger.AccountImported(account.Channel, account.AccountId, account.BrandId, imported, batch.Lines.Count - imported, updated.Count, pending.Count);
        var error = conflicted.Count == 0
            ? null
            : $"The settlement fees of {string.Join(", ", conflicted)} were not written: other writers changed the order through all {options.CurrentValue.MaxWriteAttempts} attempts (Settlements:MaxWriteAttempts). Their rows stay pending for the next run.";
        if (error is not null)
        {
            logger.AccountIncomplete(account.Channel, account.AccountId, account.BrandId, error);
        }

        return new SettlementAccountReport(account.Channel, account.AccountId, imported, batch.Lines.Count - imported, updated, pending, reconciled, error);
    }

    /// <summary>
    /// Writes the order's fee lines as its charged fees. Null when the truth does not hold the order (the lines stay
    /// pending) or they cannot be charged to it (another currency: logged, left pending for a person); else whether the
    /// order changed (false when it already held every fee). <see cref="ConcurrencyConflictException"/> when every one of
    /// <see cref="SettlementOptions.MaxWriteAttempts"/> writes met a conflict.
    /// </summary>
    private async Task<bool?> ApplyAsync(ChannelAccount account, string externalOrderId, IReadOnlyList<SettlementLine> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var orderId = OrderId.For(account.Channel, externalOrderId);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await orders.GetAsync(account.BrandId, orderId, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            (Order Order, bool Changed) applied;
            try
            {
                applied = SettlementFees.Apply(stored.Value.Order, lines, now);
            }
            catch (InvalidOperationException ex)
            {
                logger.OrderNotApplied(orderId, account.BrandId, ex.Message);
                return null;
            }

            if (!applied.Changed)
            {
                return false;
            }

            try
            {
                await orders.ReplaceAsync(stored.Value with { Order = applied.Order, WrittenAt = now }, stored.ETag, cancellationToken);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < options.CurrentValue.MaxWriteAttempts)
            {
                // A webhook or another import wrote the order between our read and our write: apply again to what it wrote.
            }
        }
    }

    private async Task<PayoutReconciliation> ReconcileAsync(
        ChannelAccount account, SettlementPayout payout, Dictionary<string, bool> known, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lines = await store.ListPayoutLinesAsync(account.BrandId, account.Channel, account.AccountId, payout.PayoutId, cancellationToken);

        // Orders not in this run's pending set were matched earlier (or name none): known.
        var reconciliation = PayoutReconciliation.Of(payout, lines, id => known.GetValueOrDefault(id, true));
        await store.PutReconciliationAsync(account.BrandId, reconciliation, now, cancellationToken);
        var subject = new AlertSubject("payout", $"{account.Channel.Slug()}:{account.AccountId}:{payout.PayoutId}");
        if (reconciliation.CannotBeChecked is { } why)
        {
            // Its rows leave out money the channel moved, so a difference is no finding. A mismatch raised before the
            // unread list was recognised was a false one: cleared, saying why, so finance does not chase it. But nobody
            // has checked the payout either: finance is told once to check it by hand (a re-read repeats, never re-notifies).
            await alerts.ClearAsync(account.BrandId, AlertKind.PayoutMismatch, subject, why, cancellationToken);
            await alerts.RaiseAsync(PayoutUncheckedAlert.For(account, reconciliation, subject), cancellationToken);
            return reconciliation;
        }

        // Checkable now (the answer holds no list the reader skips): the rows decide, and a mismatch, if any, is raised below.
        await alerts.ClearAsync(
            account.BrandId, AlertKind.PayoutUnchecked, subject,
            $"The payout can now be checked: every event list {account.Channel} sent for it is read; its rows explain {Money(reconciliation.Expected)} of {Money(payout.Amount)} {payout.Currency} paid.",
            cancellationToken);
        if (!reconciliation.IsMismatch)
        {
            await alerts.ClearAsync(account.BrandId, AlertKind.PayoutMismatch, subject, "The payout now matches its settlement rows within a cent.", cancellationToken);
            return reconciliation;
        }

        logger.PayoutMismatch(payout.PayoutId, account.Channel, account.AccountId, account.BrandId, reconciliation.Difference, payout.Currency);
        var rows = string.Join(", ", reconciliation.Rows.Take(MaxEvidenceRows));
        await alerts.RaiseAsync(
            new AlertRaise(
                account.BrandId, AlertKind.PayoutMismatch, subject,
                $"{account.Channel} paid {Money(payout.Amount)} {payout.Currency} in payout {payout.PayoutId} of account {account.AccountId}, but {(reconciliation.Rows.Count == 1 ? "its one settlement row adds" : $"its {reconciliation.Rows.Count} settlement rows add")} up to {Money(reconciliation.Expected)}: a difference of {Money(reconciliation.Difference)}. Ask the channel which row is missing or held back.")
            {
                Channel = account.Channel,
                Signal = BrandSignal.Finance,
                MoneyAtStake = new MoneyAtStake(Math.Abs(reconciliation.Difference), payout.Currency),
                Evidence = new Dictionary<string, string>
                {
                    ["payout"] = payout.PayoutId,
                    ["paid"] = Money(payout.Amount),
                    ["expected"] = Money(reconciliation.Expected),
                    ["difference"] = Money(reconciliation.Difference),
                    ["rowCount"] = reconciliation.Rows.Count.ToString(CultureInfo.InvariantCulture),
                    ["rows"] = rows.Length <= AlertRaise.MaxEvidenceValueLength ? rows : rows[..(AlertRaise.MaxEvidenceValueLength - 3)] + "...",
                },
            },
            cancellationToken);
        return reconciliation;
    }

    /// <summary>A reader's lines must be of the account read: anything else is a reader bug, caught before a write.</summary>
    private static void Check(ChannelAccount account, SettlementBatch batch)
    {
        if (batch.Lines.FirstOrDefault(l => l.Channel != account.Channel || l.AccountId != account.AccountId) is { } stray)
        {
            throw new InvalidOperationException($"{account.Channel} settlement read of account {account.AccountId} returned row {stray.TransactionId} of {stray.Channel} account {stray.AccountId}.");
        }

        if (batch.Lines.GroupBy(l => l.TransactionId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"{account.Channel} settlement read of account {account.AccountId} returned transaction {twice.Key} twice; transaction ids must be unique.");
        }

        // A payout is summed in its own currency (PayoutReconciliation.Of throws otherwise). Caught here, before a write, it
        // is this account's error; found at reconciliation it would end the whole run, for every brand, on every run after.
        foreach (var payout in batch.Payouts)
        {
            if (batch.Lines.FirstOrDefault(l => l.PayoutId == payout.PayoutId && !string.Equals(l.Currency, payout.Currency, StringComparison.OrdinalIgnoreCase)) is { } foreign)
            {
                throw new InvalidOperationException(
                    $"{account.Channel} payout {payout.PayoutId} of account {account.AccountId} is in {payout.Currency} but its row {foreign.TransactionId} is in {foreign.Currency}; a payout is summed in one currency, so nothing of the account was imported.");
            }
        }
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
