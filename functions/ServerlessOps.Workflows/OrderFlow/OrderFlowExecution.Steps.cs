using System.Globalization;
using Microsoft.DurableTask;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Inventory;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Workflows.OrderFlow;

internal sealed partial class OrderFlowExecution
{
    /// <summary>One look at the truth and everything that follows from it; a result when the flow is over.</summary>
    private async Task<OrderFlowResult?> StepAsync()
    {
        OrderFlowSnapshot snapshot;
        try
        {
            snapshot = await CallAsync<OrderFlowSnapshot>(
                nameof(LoadOrderActivity),
                new LoadOrderRequest(_input.BrandId, _input.Channel, _input.ExternalOrderId, [.. _state.Catalog.Keys]) { PlacedAt = _last?.PlacedAt ?? _input.PlacedAt });
        }
        catch (TaskFailedException e)
        {
            await EnterExceptionAsync("load", "retries-exhausted", $"Reading the order or its catalog failed after retries: {e.FailureDetails?.ErrorMessage ?? e.Message}");
            return null;
        }

        if (!snapshot.Found)
        {
            if (_state.Stage == FlowStage.New && _state.Lines.Count == 0)
            {
                return new OrderFlowResult("not-found", $"Order {_orderId} is not in the truth; nothing was reserved.");
            }

            _state.Record(Now, "order-missing", "The order could not be read; waiting for its next change.");
            return null;
        }

        _last = snapshot;
        if (snapshot.IsHistory && _state.Lines.Values.All(l => l.Reserved == 0))
        {
            return new OrderFlowResult("history", $"Order {_orderId} was placed before the brand's go-live: no flow, no stock moved.");
        }

        Remember(snapshot.Catalog);
        if (_state.Stage == FlowStage.Exception)
        {
            if (snapshot.FullyCancelled)
            {
                // The compensation may not have released everything (its movements failed, or the flow had not read the
                // order yet in this execution): once the flow ends, nothing else would.
                if (!await SettlePendingAsync() || !await ReleaseAllAsync())
                {
                    _state.Record(Now, "release-failed", "Cancelled, but releasing what the order holds failed; waiting for its next change or the retry route.");
                    return null;
                }

                await ResolveExceptionAsync();
                await ClearSlaAlertsAsync();
                return new OrderFlowResult("cancelled", "Cancelled while on the exception path; what it held was released.");
            }

            _state.Record(Now, "changed", "The order changed while on the exception path; waiting for the retry route.");
            return null;
        }

        // A line with nothing left of it (every unit cancelled before it shipped) moves no stock: it needs no catalog listing.
        var unmapped = snapshot.Lines.Where(l => l.Cancelled < l.Quantity).Select(l => l.Sku).Where(s => !_state.Catalog.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();
        if (unmapped.Count > 0 && !snapshot.FullyCancelled)
        {
            await EnterExceptionAsync("validate", "unmapped-sku",
                $"No catalog listing on {_input.Channel} for SKU(s) {string.Join(", ", unmapped)}. Map them in the catalog import, then retry the flow.");
            return null;
        }

        if (_state.ShipBy is null)
        {
            _state.ShipBy = (snapshot.ShipBy ?? snapshot.PlacedAt + snapshot.Policy.DefaultShipWithin).UtcDateTime;
            var source = snapshot.ShipBy is null ? "the brand's ship-within" : $"{_input.Channel}'s ship-by";
            _state.Record(Now, "validated", $"{snapshot.Lines.Count} line(s) mapped; ship by {_state.ShipBy:O} ({source}).");
        }
        else if (snapshot.ShipBy is { } channelShipBy && channelShipBy.UtcDateTime != _state.ShipBy)
        {
            // The channel's deadline arrived later (a re-read after a snapshot without it) or the channel moved it: it
            // decides the SLA from now on; the wait loop sets its timer from the new value.
            _state.Record(Now, "ship-by-changed", $"{_input.Channel} states ship by {channelShipBy.UtcDateTime:O} (was {_state.ShipBy:O}).");
            _state.ShipBy = channelShipBy.UtcDateTime;
            if (_state.SlaAlerted && _state.ShipBy > Now)
            {
                // Moved past now: the order is not late any more. The alerts are resolved and the flags reset, so the new
                // deadline arms the SLA timers again (alerted once more, escalated once more, if it is missed too).
                await ClearSlaAlertsAsync($"{_input.Channel} moved the ship-by to {_state.ShipBy:O}, still ahead.");
            }
        }

        if (!await MoveStockAsync(snapshot, holdStock: !snapshot.IsHistory))
        {
            return null;
        }

        if (!snapshot.FullyCancelled && !snapshot.IsHistory && !await AcknowledgeAsync(snapshot))
        {
            return null;
        }

        if (_state.ExceptionStep is not null)
        {
            await ResolveExceptionAsync();
        }

        if (_state.Stage == FlowStage.New)
        {
            // Past validation and reservation again after a retry from the exception path: a pricing hold still stands.
            _state.Stage = _state.PriceHeld ? FlowStage.Held : FlowStage.Active;
        }

        if (snapshot.FullyCancelled || snapshot.IsHistory)
        {
            await ClearSlaAlertsAsync();
            return new OrderFlowResult("cancelled", $"Every unit of order {_orderId} was cancelled; what it held was released.");
        }

        if (!_state.PriceChecked)
        {
            await CheckPricesAsync(snapshot);
        }

        // The channel's delivered fact covers the parcels it knows of (a split Shopify fulfilment is delivered while a line
        // waits to ship): the return window runs only once nothing is left to ship, so the flow is there to commit the rest.
        if (snapshot.Delivered && _state.DeliveredSeenAt is null && snapshot.Lines.All(l => l.Open == 0))
        {
            _state.DeliveredSeenAt = Now;
            _state.Record(Now, "delivered", $"Return window of {snapshot.Policy.ReturnWindowDays} day(s) runs from now.");
        }

        if (_state.DeliveredSeenAt is { } delivered && Now >= delivered.AddDays(snapshot.Policy.ReturnWindowDays))
        {
            // Nothing is left to ship, but the SLA check below is not reached (a 0-day window ends on the step that saw the
            // delivery): an alert of a late shipment is resolved here, or never.
            await ClearSlaAlertsAsync();
            return new OrderFlowResult("completed", $"Delivered and past the {snapshot.Policy.ReturnWindowDays}-day return window.");
        }

        await CheckSlaAsync();
        return null;
    }

    private void Remember(FlowCatalogResolution? resolution)
    {
        if (resolution is null)
        {
            return;
        }

        foreach (var (channelSku, line) in resolution.Lines)
        {
            _state.Catalog[channelSku] = line;
        }

        if (_state.Fees.Count == 0)
        {
            _state.Fees.AddRange(resolution.Fees);
        }
    }

    /// <summary>
    /// Brings the ledger in line with the truth (<see cref="OrderStockPlan"/>). False when the flow took its exception
    /// path: retries exhausted, or a reservation short (then everything this order held is released first).
    /// </summary>
    private async Task<bool> MoveStockAsync(OrderFlowSnapshot snapshot, bool holdStock)
    {
        if (!await SettlePendingAsync())
        {
            await EnterExceptionAsync("move-stock", "retries-exhausted", "Movements sent earlier could not be confirmed; the retry applies them again under the same causes.");
            return false;
        }

        var planned = OrderStockPlan.Plan(_input.BrandId, _orderId, snapshot.Lines, _state.Lines, _state.Catalog, holdStock, snapshot.Policy.RestockOnReturn, _state.Attempt);
        if (planned.Count == 0)
        {
            return true;
        }

        IReadOnlyList<StockApplyOutcome> outcomes;
        _state.Pending = [.. planned];

        // In the status before the ledger can take them: a restart after the engine failed or someone terminated the flow
        // reads its state from there (the retry route), and must not plan again what may already be applied.
        Publish();
        try
        {
            outcomes = await CallAsync<IReadOnlyList<StockApplyOutcome>>(nameof(ApplyStockMovementsActivity), planned.Select(p => p.Movement).ToList());
        }
        catch (TaskFailedException e)
        {
            await EnterExceptionAsync("move-stock", "retries-exhausted", $"The ledger did not take {planned.Count} movement(s) after retries: {e.FailureDetails?.ErrorMessage ?? e.Message}");
            return false;
        }

        _state.Pending = [];
        var applied = planned.Where((_, i) => outcomes[i] != StockApplyOutcome.Insufficient).ToList();
        OrderStockPlan.Record(_state.Lines, applied);
        if (applied.Count > 0)
        {
            _state.Record(Now, "moved", Describe(applied));
        }

        var shippedBeyond = planned.Where((_, i) => outcomes[i] == StockApplyOutcome.ShippedBeyondAvailable).ToList();
        if (shippedBeyond.Count > 0)
        {
            // Nothing to compensate (the units left with the order), but the stock behind other orders' reservations is
            // short: the inventory owner hears of it, once per order.
            var shipped = string.Join("; ", shippedBeyond.Take(10).Select(p => $"{p.Movement.Quantity} unit(s) of {p.Movement.Sku} at {p.Movement.Location} (line {p.LineId})"))
                + (shippedBeyond.Count > 10 ? $" and {shippedBeyond.Count - 10} more line(s)" : string.Empty);
            _state.Record(Now, "shipped-beyond-stock", shipped);
            await RaiseAsync(new OrderAlertRequest(_input.BrandId, _input.Channel, _orderId, AlertKind.StockShort,
                $"Order {_orderId} shipped {shipped} that were not available: reservations there now exceed the stock, so another order is short. Count or receive the stock, then check the orders holding it."));
        }

        var shortOnes = planned.Where((_, i) => outcomes[i] == StockApplyOutcome.Insufficient).ToList();
        if (shortOnes.Count == 0)
        {
            return true;
        }

        var detail = string.Join("; ", shortOnes.Select(p => $"{p.Movement.Quantity} unit(s) of {p.Movement.Sku} at {p.Movement.Location} (line {p.LineId})"));
        await EnterExceptionAsync("reserve", "short-reservation", $"Not enough available: {detail}. Everything this order held was released; receive or count stock, then retry the flow.");
        return false;
    }

    /// <summary>
    /// The flow's channel step: once the order's units are reserved, tell a channel that asks for it
    /// (<see cref="OrderAcknowledgement"/>) that the order will be fulfilled; only while merchant units are open and no
    /// line has shipped or been cancelled (Walmart: never for those, nor for Walmart-fulfilled orders). A lasting refusal
    /// (the order moved on at the channel) is recorded and not asked again. False when the channel still failed after
    /// every retry: the flow took its exception path, which releases the reservation (an order the channel was not told
    /// we accept is not stock we hold for it), records the cause and alerts the fulfilment owner; the retry route
    /// reserves and acknowledges again once the channel answers.
    /// </summary>
    private async Task<bool> AcknowledgeAsync(OrderFlowSnapshot snapshot)
    {
        if (_state.Acknowledged || !OrderAcknowledgement.IsAskedBy(_input.Channel) || !MerchantUnitsOpen()
            || snapshot.Lines.Any(l => l.Shipped > 0 || l.Cancelled > 0))
        {
            return true;
        }

        AcknowledgementAnswer answer;
        try
        {
            answer = await CallAsync<AcknowledgementAnswer>(
                nameof(AcknowledgeOrderActivity), new AcknowledgeOrderRequest(_input.BrandId, _input.Channel, snapshot.ChannelAccountId ?? string.Empty, _input.ExternalOrderId));
        }
        catch (TaskFailedException e)
        {
            await EnterExceptionAsync("acknowledge", "channel-call-failed",
                $"{_input.Channel} did not take the order's acknowledgement after retries: {e.FailureDetails?.ErrorMessage ?? e.Message} {_input.Channel} expects it within four hours of the order; retry the flow once the channel answers.");
            return false;
        }

        // Either way the question is settled: a refusal means the order moved on at the channel (shipped, cancelled), which
        // its next change brings; the reservation stays until the truth says otherwise.
        _state.Acknowledged = true;
        _state.Record(Now, answer.Acknowledged ? "acknowledged" : "acknowledge-refused",
            answer.Acknowledged ? $"{_input.Channel} was told the order will be fulfilled." : answer.Refusal ?? $"{_input.Channel} refused the acknowledgement.");
        return true;
    }

    /// <summary>Applies movements whose result never came back, under the same causes; false when it fails again.</summary>
    private async Task<bool> SettlePendingAsync()
    {
        if (_state.Pending.Count == 0)
        {
            return true;
        }

        Publish(); // As in MoveStockAsync: the status names what may be applied before the ledger can take it.
        try
        {
            var outcomes = await CallAsync<IReadOnlyList<StockApplyOutcome>>(nameof(ApplyStockMovementsActivity), _state.Pending.Select(p => p.Movement).ToList());
            OrderStockPlan.Record(_state.Lines, _state.Pending.Where((_, i) => outcomes[i] != StockApplyOutcome.Insufficient));
            _state.Record(Now, "settled", $"{_state.Pending.Count} earlier movement(s) confirmed.");
            _state.Pending = [];
            return true;
        }
        catch (TaskFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The exception path: release what the order holds (compensation), record the exception with its owner, alert once,
    /// and wait for the retry route. A failure of the compensation itself leaves its movements pending for the retry.
    /// </summary>
    private async Task EnterExceptionAsync(string step, string cause, string detail)
    {
        if (_state.Lines.Values.Any(l => l.Held > 0) || _state.Pending.Count > 0)
        {
            var released = await SettlePendingAsync() && await ReleaseAllAsync();
            detail += released ? " What the order held was released." : " Releasing what the order held failed too; the retry finishes it.";
        }

        if (_state.ExceptionStep is not null && KindFor(_state.ExceptionCause ?? string.Empty) != KindFor(cause))
        {
            // The order's one exception record is replaced, but the earlier exception's alert is of another kind: resolved
            // here, or nothing would ever resolve it (getting past the step clears only the kind recorded last).
            await ResolveExceptionAsync();
        }

        _state.Stage = FlowStage.Exception;
        _state.ExceptionStep = step;
        _state.ExceptionCause = cause;
        _state.Record(Now, "exception", $"{step}: {cause}. {detail}");
        _context.CreateReplaySafeLogger<OrderFlowOrchestrator>().FlowException(_context.InstanceId, _input.BrandId, _orderId, step, cause);
        try
        {
            await CallAsync<string?>(nameof(RecordFlowExceptionActivity), new FlowExceptionRequest(
                _input.BrandId, _input.Channel, _input.ExternalOrderId, _context.InstanceId, step, cause, detail, KindFor(cause))
            {
                OccurrenceKey = NewOccurrenceKey(),
            });
        }
        catch (TaskFailedException e)
        {
            _state.Record(Now, "exception-not-recorded", e.FailureDetails?.ErrorMessage ?? e.Message);
        }
    }

    private async Task<bool> ReleaseAllAsync()
    {
        if (_last is null)
        {
            // Not read yet in this execution (the read itself failed): which SKU each line holds is not known here.
            return _state.Lines.Values.All(l => l.Held == 0);
        }

        // Only releases (what each line holds, down to zero): no commit or return is decided on the way out.
        var releases = OrderStockPlan.Plan(_input.BrandId, _orderId, _last.Lines, _state.Lines, _state.Catalog, holdStock: false, restockOnReturn: false)
            .Where(p => p.Movement.Kind == StockMovementKind.Release)
            .ToList();
        if (releases.Count == 0)
        {
            return true;
        }

        _state.Pending = releases;
        return await SettlePendingAsync();
    }

    private async Task ResolveExceptionAsync()
    {
        var step = _state.ExceptionStep ?? "unknown";
        var cause = _state.ExceptionCause ?? "unknown";
        _state.ExceptionStep = null;
        _state.ExceptionCause = null;
        _state.Record(Now, "exception-resolved", $"Past {step} ({cause}).");
        try
        {
            await CallAsync<string?>(nameof(RecordFlowExceptionActivity), new FlowExceptionRequest(
                _input.BrandId, _input.Channel, _input.ExternalOrderId, _context.InstanceId, step, cause, "Resolved.", KindFor(cause)) { Resolve = true });
        }
        catch (TaskFailedException e)
        {
            _state.Record(Now, "exception-not-resolved", e.FailureDetails?.ErrorMessage ?? e.Message);
        }
    }

    /// <summary>
    /// The guardrail (<see cref="PriceGuardrail"/>) on the prices the order was placed at, once, when they are known: a
    /// breach alerts the pricing owner and, under <see cref="PriceBreachAction.Hold"/>, holds the order.
    /// </summary>
    private async Task CheckPricesAsync(OrderFlowSnapshot snapshot)
    {
        // Unmapped lines here are fully cancelled ones (validation let them through): no cost or MAP to check them against.
        var priced = snapshot.Lines.Where(l => l.Quantity > 0 && _state.Catalog.ContainsKey(l.Sku)).ToList();
        if (priced.Count == 0 || priced.Any(l => l.UnitPrice is null || l.Discount is null))
        {
            return;
        }

        var lines = priced.Select(l =>
        {
            var item = _state.Catalog[l.Sku];
            var sameCurrency = string.Equals(item.Currency, snapshot.Currency, StringComparison.OrdinalIgnoreCase);
            return new PricedLine(l.LineId, l.Quantity, l.UnitPrice!.Value, l.Discount!.Value, l.Tax, item.Category,
                sameCurrency ? item.MinimumAdvertisedPrice : null, sameCurrency ? item.UnitCost : null);
        }).ToList();
        var fees = _state.Fees.Where(f => f.Channel == _input.Channel).ToList();
        var verdict = PriceGuardrail.CheckOrder(lines, snapshot.Policy.MarginFloorPercent, fees, snapshot.Currency, snapshot.PlacedAt);
        _state.PriceChecked = true;
        var leftOut = verdict.Lines.SelectMany(l => l.FeesLeftOut).Distinct(StringComparer.Ordinal).ToList();
        var leftOutNote = leftOut.Count == 0 ? string.Empty : $" Fees left out: {PriceGuardrail.DescribeLeftOut(leftOut)}.";
        if (!verdict.IsBreach)
        {
            _state.Record(Now, "priced", $"Every line at or above its floor; contribution {Amount(verdict.Contribution)} {snapshot.Currency}.{leftOutNote}");
            return;
        }

        var breaches = verdict.Lines.Where(l => l.IsBreach).ToList();
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in breaches.Take(AlertRaise.MaxEvidenceEntries / 2))
        {
            evidence[Key($"line {line.Key}")] = $"unit net {Amount(line.UnitNet)}, floor {Amount(line.Floor)}, contribution {Amount(line.Contribution)}";
        }

        evidence["policy"] = snapshot.Policy.OnPriceBreach.ToString();
        if (leftOut.Count > 0)
        {
            evidence["feesLeftOut"] = PriceGuardrail.DescribeLeftOut(leftOut);
        }
        var summary = string.Join("; ", breaches.Take(5).Select(l => $"line {l.Key}: unit net {Amount(l.UnitNet)} vs floor {Amount(l.Floor)}, contribution {Amount(l.Contribution)}"));
        var hold = snapshot.Policy.OnPriceBreach == PriceBreachAction.Hold;
        var then = hold ? "The order is held until the pricing owner releases it (retry route) or it is cancelled." : "The order continues (brand policy).";
        _state.PriceAlerted = true;
        foreach (var kind in new[] { verdict.BelowFloor ? AlertKind.PriceBelowFloor : (AlertKind?)null, verdict.ContributionNegative ? AlertKind.ContributionNegative : null })
        {
            if (kind is not { } k)
            {
                continue;
            }

            await RaiseAsync(new OrderAlertRequest(_input.BrandId, _input.Channel, _orderId, k, $"Order {_orderId} sells below its price guardrail: {summary}. {then}{leftOutNote}")
            {
                Evidence = evidence,
                MoneyAtStake = verdict.MoneyAtStake,
                Currency = snapshot.Currency,
            });
        }

        _state.Record(Now, "price-breach", $"{summary}; {Amount(verdict.MoneyAtStake)} {snapshot.Currency} at stake; {snapshot.Policy.OnPriceBreach}.");
        if (hold)
        {
            _state.Stage = FlowStage.Held;
            _state.PriceHeld = true;
        }
    }

    /// <summary>Ship-by missed: the fulfilment owner once; past the escalation deadline: escalated once; shipped: cleared.</summary>
    private async Task CheckSlaAsync()
    {
        if (_state.ShipBy is not { } shipBy)
        {
            return;
        }

        if (!MerchantUnitsOpen())
        {
            await ClearSlaAlertsAsync();
            return;
        }

        if (_state.Stage != FlowStage.Active)
        {
            return;
        }

        if (!_state.SlaAlerted && Now >= shipBy)
        {
            _state.SlaAlerted = true;
            _state.Record(Now, "sla-missed", $"Not shipped by {shipBy:O}.");
            await RaiseAsync(new OrderAlertRequest(_input.BrandId, _input.Channel, _orderId, AlertKind.SlaMissed,
                $"Order {_orderId} was due to ship by {shipBy:O} and has units unshipped.")
            {
                Evidence = new Dictionary<string, string> { ["shipBy"] = shipBy.ToString("O", CultureInfo.InvariantCulture) },
            });
        }

        if (_state.SlaAlerted && !_state.SlaEscalated && Now >= shipBy + _input.EscalateAfter)
        {
            _state.SlaEscalated = true;
            _state.Record(Now, "sla-escalated", $"Still unshipped {_input.EscalateAfter} after ship-by.");
            await RaiseAsync(new OrderAlertRequest(_input.BrandId, _input.Channel, _orderId, AlertKind.SlaEscalated,
                $"Order {_orderId} is still unshipped {_input.EscalateAfter.TotalHours:0.#} h after its ship-by {shipBy:O}.")
            {
                Evidence = new Dictionary<string, string> { ["shipBy"] = shipBy.ToString("O", CultureInfo.InvariantCulture) },
            });
        }
    }

    private async Task ClearSlaAlertsAsync(string why = "Every merchant-fulfilled unit shipped or cancelled.")
    {
        if (!_state.SlaAlerted)
        {
            return;
        }

        await RaiseAsync(new OrderAlertRequest(_input.BrandId, _input.Channel, _orderId, AlertKind.SlaMissed, why) { Clear = true });
        if (_state.SlaEscalated)
        {
            await RaiseAsync(new OrderAlertRequest(_input.BrandId, _input.Channel, _orderId, AlertKind.SlaEscalated, why) { Clear = true });
        }

        _state.SlaAlerted = false;
        _state.SlaEscalated = false;
        _state.Record(Now, "sla-cleared", why);
    }

    /// <summary>
    /// The order's price alerts end with its flow: its price was checked once, at placement, and the order is now over
    /// (past its return window, or cancelled), so an alert left open would only count forever in the brand's open
    /// alerts (and its rollup record). A flow priced before <see cref="OrderFlowState.PriceAlerted"/> existed is known by
    /// its <c>price-breach</c> step. Resolving is idempotent: an alert a person resolved already stays as it is.
    /// </summary>
    private async Task ClearPriceAlertsAsync(string outcome)
    {
        if (!_state.PriceAlerted && !_state.Steps.Any(s => s.Step == "price-breach"))
        {
            return;
        }

        foreach (var kind in new[] { AlertKind.PriceBelowFloor, AlertKind.ContributionNegative })
        {
            await RaiseAsync(new OrderAlertRequest(_input.BrandId, _input.Channel, _orderId, kind, $"The order's flow ended ({outcome}).") { Clear = true });
        }

        _state.PriceAlerted = false;
        _state.Record(Now, "price-alerts-cleared", $"The order's flow ended ({outcome}): its price alerts are resolved.");
    }

    /// <summary>
    /// An alert is worth a retry but never worth failing the flow: a lost alert is recorded in the step history. A raise
    /// carries a key of its own, so its retries and duplicate executions count one occurrence.
    /// </summary>
    private async Task RaiseAsync(OrderAlertRequest request)
    {
        try
        {
            await CallAsync<string?>(nameof(RaiseOrderAlertActivity), request.Clear ? request : request with { OccurrenceKey = NewOccurrenceKey() });
        }
        catch (TaskFailedException e)
        {
            _state.Record(Now, "alert-failed", $"{request.Kind.Slug()}: {e.FailureDetails?.ErrorMessage ?? e.Message}");
        }
    }

    /// <summary>
    /// A key for one alert raise this flow schedules (<see cref="OrderAlertRequest.OccurrenceKey"/>): the context's
    /// deterministic GUID (from the instance id, the orchestration time and a per-execution counter), so a replay makes the same
    /// key for the same raise, and every raise, in this execution or one after a continue-as-new, gets its own.
    /// </summary>
    private string NewOccurrenceKey() => _context.NewGuid().ToString("N");

    private static string Describe(IEnumerable<PlannedMovement> movements) =>
        string.Join("; ", movements.Select(p => $"{p.Movement.Kind} {p.Movement.Quantity} {p.Movement.Sku}@{p.Movement.Location}"));

    private static string Key(string key) => key.Length <= AlertRaise.MaxEvidenceKeyLength ? key : key[..AlertRaise.MaxEvidenceKeyLength];

    private static string Amount(decimal? amount) => amount is { } a ? RaiseOrderAlertActivity.Money(a) : "unknown";
}
