using Microsoft.DurableTask;
using ServerlessOps.Workflows.MonthlyReview;
using ServerlessOps.Workflows.MonthlyReview.Activities;
using ServerlessOps.Workflows.OrderFlow;
using ServerlessOps.Workflows.OrderFlow.Activities;

namespace ServerlessOps.Workflows;

/// <summary>
/// Every orchestrator and activity the app runs. The standalone host registers these types with its Durable Task
/// engine; the Functions host reaches the same types through one-line trigger wrappers named after each class
/// (functions/ServerlessOps.Functions/Orchestrations). A test compares this list with the build's functions.metadata.
/// </summary>
public static class WorkflowCatalog
{
    /// <summary>Orchestrator classes (<see cref="TaskOrchestrator{TInput, TOutput}"/>); each is registered under its class name.</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(OrderFlowOrchestrator), typeof(MonthlyReviewOrchestrator)];

    /// <summary>Activity classes (<see cref="TaskActivity{TInput, TOutput}"/>); each is registered under its class name.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(LoadOrderActivity),
        typeof(ApplyStockMovementsActivity),
        typeof(RaiseOrderAlertActivity),
        typeof(RecordFlowExceptionActivity),
        typeof(RecordFlowEndActivity),
        typeof(AcknowledgeOrderActivity),
        typeof(AggregateChannelActivity),
        typeof(AssembleReviewFactsActivity),
        typeof(AuditReviewActivity),
        typeof(PrioritizeReviewActivity),
        typeof(BuildReviewAlertsActivity),
        typeof(ScaleReviewActivity),
        typeof(PublishReviewActivity),
    ];

    /// <summary>Adds every orchestrator and activity to <paramref name="registry"/> under its class name.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var type in Orchestrators)
        {
            registry.AddOrchestrator(type);
        }

        foreach (var type in Activities)
        {
            registry.AddActivity(type);
        }
    }
}
