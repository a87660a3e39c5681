namespace ServerlessOps.Benchmarks.Drills.Access;

/// <summary>
/// The manual runs, each by the role its route asks, sent twice: the backstop and the drift check (operations), the
/// settlement import (finance) and the orders' repartition (admin). A run repeated at once is the client's retry of the
/// same action, so one entry each.
/// </summary>
internal sealed partial class AccessActions
{
    private async Task RunManuallyAsync(CancellationToken cancellationToken)
    {
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Backstop.RunBackstop), "acme", keys.OperationsAcme,
            () => new HttpRequestMessage(HttpMethod.Post, "api/brands/acme/backstop/run"), cancellationToken);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Drift.RunDrift), "acme", keys.OperationsAcme,
            () => new HttpRequestMessage(HttpMethod.Post, "api/brands/acme/drift/run"), cancellationToken);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.Settlements.RunSettlementImport), "acme", keys.FinanceAcme,
            () => new HttpRequestMessage(HttpMethod.Post, "api/brands/acme/settlements/import"), cancellationToken);
        await TwiceAsync(nameof(ServerlessOps.Functions.Api.RepartitionOrders), "acme", keys.AdminAcme,
            () => new HttpRequestMessage(HttpMethod.Post, "api/brands/acme/orders/repartition"), cancellationToken);
    }
}
