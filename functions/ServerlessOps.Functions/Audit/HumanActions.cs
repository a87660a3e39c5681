using ServerlessOps.Domain.Audit;
using ServerlessOps.Functions.Api;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Api.Alerts;
using ServerlessOps.Functions.Api.Backstop;
using ServerlessOps.Functions.Api.Catalog;
using ServerlessOps.Functions.Api.Connections;
using ServerlessOps.Functions.Api.Drift;
using ServerlessOps.Functions.Api.OrderFlow;
using ServerlessOps.Functions.Api.Prices;
using ServerlessOps.Functions.Api.Pushes;
using ServerlessOps.Functions.Api.Reports;
using ServerlessOps.Functions.Api.Reviews;
using ServerlessOps.Functions.Api.Settlements;
using ServerlessOps.Functions.Api.Stock;

namespace ServerlessOps.Functions.Audit;

/// <summary>
/// Every route through which a person changes something, with how its audit entry is named. The dispatcher writes the
/// entry after the handler answered 2xx (<see cref="HumanActionRecorder"/>); a test keeps this list equal to the role
/// routes that are not reads (every POST, PUT and DELETE behind a role), so a new action route cannot go unaudited.
/// </summary>
public static class HumanActions
{
    public static IReadOnlyDictionary<string, HumanActionRoute> ByRoute { get; } = new Dictionary<string, HumanActionRoute>(StringComparer.Ordinal)
    {
        [nameof(SetPrice)] = new(HumanActionKinds.PriceSet, "sku"),
        [nameof(RetryOrderFlow)] = new(HumanActionKinds.FlowRetry, "channel", "orderId"),
        [nameof(ReplayQuarantinedDelivery)] = new(HumanActionKinds.QuarantineReplay, "deliveryKey"),
        [nameof(AdjustStock)] = new(HumanActionKinds.StockAdjustment, "sku"),
        [nameof(PausePushes)] = new(HumanActionKinds.PushPause, "channel", "accountId"),
        [nameof(ResumePushes)] = new(HumanActionKinds.PushResume, "channel", "accountId"),
        [nameof(ConfirmHeldPushes)] = new(HumanActionKinds.HeldPushesConfirm),
        [nameof(CreateReportLink)] = new(HumanActionKinds.ReportLink, "kind", "period", "version"),
        [nameof(AcknowledgeAlert)] = new(HumanActionKinds.AlertAcknowledge, "alertId"),
        [nameof(ResolveAlert)] = new(HumanActionKinds.AlertResolve, "alertId"),
        [nameof(CreateBrand)] = new(HumanActionKinds.BrandCreate),
        [nameof(UpdateBrand)] = new(HumanActionKinds.BrandUpdate),
        [nameof(PutChannelAccount)] = new(HumanActionKinds.AccountPut, "channel", "accountId"),
        [nameof(DisconnectChannelAccount)] = new(HumanActionKinds.AccountDisconnect, "channel", "accountId"),
        [nameof(RotateChannelSecret)] = new(HumanActionKinds.SecretRotate, "channel", "accountId", "kind"),
        [nameof(DropPreviousChannelSecret)] = new(HumanActionKinds.SecretDropPrevious, "channel", "accountId", "kind"),
        [nameof(StartConnection)] = new(HumanActionKinds.ConnectionStart, "channel"),
        [nameof(VerifyWalmartConnection)] = new(HumanActionKinds.ConnectionVerify, "accountId"),
        [nameof(PostImport)] = new(HumanActionKinds.Import, "kind"),
        [nameof(RunSettlementImport)] = new(HumanActionKinds.SettlementImport),
        [nameof(RunBackstop)] = new(HumanActionKinds.BackstopRun),
        [nameof(RunDrift)] = new(HumanActionKinds.DriftRun),
        [nameof(StartReview)] = new(HumanActionKinds.ReviewStart, "month"),
        [nameof(RepartitionOrders)] = new(HumanActionKinds.OrdersRepartition),
    };
}
