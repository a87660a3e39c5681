using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>
/// One execution of <see cref="OrderFlowOrchestrator"/>: the wait loop here, the steps in the partials. Orchestrator
/// code: time from the context, no I/O, state changed only from recorded activity results.
/// </summary>
internal sealed partial class OrderFlowExecution
{
    private readonly TaskOrchestrationContext _context;
    private readonly OrderFlowInput _input;
    private readonly OrderFlowState _state;
    private readonly string _orderId;
    private OrderFlowSnapshot? _last;

    public OrderFlowExecution(TaskOrchestrationContext context, OrderFlowInput input)
    {
        _context = context;
        _input = input;
        _state = input.State ?? new OrderFlowState();
        _orderId = OrderId.For(input.Channel, input.ExternalOrderId);
    }

    private DateTime Now => _context.CurrentUtcDateTime;

    public async Task<OrderFlowResult> RunAsync()
    {
        var changed = _context.WaitForExternalEvent<string?>(OrderFlowIds.OrderChangedEvent);
        var retry = _context.WaitForExternalEvent<string?>(OrderFlowIds.RetryEvent);
        Task? timer = null;
        DateTime? timerDue = null;
        CancellationTokenSource? timerCancel = null;
        for (var wakes = 0; ; wakes++)
        {
            if (await StepAsync() is { } ended)
            {
                timerCancel?.Cancel();
                timerCancel?.Dispose();
                if (ended.Outcome != "not-found")
                {
                    // Before the flow completes, so no moment exists where its history can be purged without this record:
                    // without it, the starter would read the purged instance as "never started" and reserve again. Retries run
                    // out: the flow fails (the stuck finder alerts), and the retry route's restart ends it again.
                    await CallAsync<bool>(nameof(RecordFlowEndActivity), new OrderFlowEnd(_input.BrandId, _orderId, _context.InstanceId, ended.Outcome, new DateTimeOffset(Now, TimeSpan.Zero)));

                    // After the end is recorded, not before: a history written by the code without this step, replayed
                    // here, has the end activity next, and what follows it is a new decision, never a mismatch.
                    await ClearPriceAlertsAsync(ended.Outcome);
                }

                _state.Record(Now, "ended", $"{ended.Outcome}: {ended.Detail}");
                Publish();
                _context.CreateReplaySafeLogger<OrderFlowOrchestrator>().FlowEnded(_context.InstanceId, _input.BrandId, _orderId, ended.Outcome);
                return ended;
            }

            Publish();
            if (wakes >= _input.WakesPerExecution && _state.Stage == FlowStage.Active && _state.Pending.Count == 0)
            {
                // Events that arrive from here on go to the next execution, which reads the truth first anyway.
                timerCancel?.Cancel();
                timerCancel?.Dispose();
                _state.Execution++;
                _context.ContinueAsNew(_input with { State = _state }, preserveUnprocessedEvents: true);
                return new OrderFlowResult("continued", $"Continued as new after {wakes} wakes.");
            }

            var due = NextDeadline();
            if (due != timerDue)
            {
                timerCancel?.Cancel();
                timerCancel?.Dispose();
                timerCancel = null;
                timer = null;
                if (due is { } at)
                {
                    timerCancel = new CancellationTokenSource();
                    timer = _context.CreateTimer(at, timerCancel.Token);
                }

                timerDue = due;
            }

            // The event waits stay outstanding across wakes (a cancelled wait could swallow the next event).
            var winner = timer is null ? await Task.WhenAny(changed, retry) : await Task.WhenAny(changed, retry, timer);
            if (winner == changed)
            {
                changed = _context.WaitForExternalEvent<string?>(OrderFlowIds.OrderChangedEvent);
            }
            else if (winner == retry)
            {
                retry = _context.WaitForExternalEvent<string?>(OrderFlowIds.RetryEvent);
                OnRetry();
            }
            else
            {
                timerCancel?.Dispose();
                timerCancel = null;
                timer = null;
                timerDue = null;
            }
        }
    }

    /// <summary>The next instant the flow must look again without being told: ship-by, escalation, end of the return window.</summary>
    private DateTime? NextDeadline()
    {
        var candidates = new List<DateTime>();
        if (_state.Stage == FlowStage.Active && _state.ShipBy is { } shipBy && MerchantUnitsOpen())
        {
            if (!_state.SlaAlerted)
            {
                candidates.Add(shipBy);
            }
            else if (!_state.SlaEscalated)
            {
                candidates.Add(shipBy + _input.EscalateAfter);
            }
        }

        if (_state.DeliveredSeenAt is { } delivered && _last is not null)
        {
            candidates.Add(delivered.AddDays(_last.Policy.ReturnWindowDays));
        }

        return candidates.Count == 0 ? null : candidates.Min();
    }

    private bool MerchantUnitsOpen() =>
        _last is not null && _last.Lines.Any(l => l.Open > 0 && _state.Catalog.TryGetValue(l.Sku, out var item) && !item.ChannelFulfilled);

    private void OnRetry()
    {
        switch (_state.Stage)
        {
            case FlowStage.Exception:
                _state.Record(Now, "retry", $"Retrying from {_state.ExceptionStep} ({_state.ExceptionCause}).");
                _state.Stage = FlowStage.New;
                _state.Attempt++;
                break;
            case FlowStage.Held:
                _state.Record(Now, "hold-released", "The pricing hold was released through the retry route.");
                _state.Stage = FlowStage.Active;
                _state.PriceHeld = false;
                break;
            default:
                _state.Record(Now, "retry", "Nothing to retry; the order is read again.");
                break;
        }
    }

    private void Publish() => _context.SetCustomStatus(OrderFlowStatus.Of(_state));

    private Task<T> CallAsync<T>(string activity, object input) => _context.CallActivityAsync<T>(activity, input, ActivityRetry.Options);

    private static AlertKind KindFor(string cause) => cause switch
    {
        "unmapped-sku" => AlertKind.SkuUnmapped,
        "short-reservation" => AlertKind.StockShort,
        _ => AlertKind.FlowFailed,
    };
}
