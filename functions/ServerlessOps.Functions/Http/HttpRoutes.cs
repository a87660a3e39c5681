using ServerlessOps.Functions.Api;
using ServerlessOps.Functions.Api.Admin;
using ServerlessOps.Functions.Api.Alerts;
using ServerlessOps.Functions.Api.Audit;
using ServerlessOps.Functions.Api.Backstop;
using ServerlessOps.Functions.Api.Catalog;
using ServerlessOps.Functions.Api.Connections;
using ServerlessOps.Functions.Api.Drift;
using ServerlessOps.Functions.Api.OrderFlow;
using ServerlessOps.Functions.Api.Prices;
using ServerlessOps.Functions.Api.Privacy;
using ServerlessOps.Functions.Api.Reviews;
using ServerlessOps.Functions.Api.Settlements;
using ServerlessOps.Functions.Api.Pushes;
using ServerlessOps.Functions.Api.Reports;
using ServerlessOps.Functions.Api.Stock;
using ServerlessOps.Functions.Local;
using ServerlessOps.Functions.Webhooks;

namespace ServerlessOps.Functions.Http;

/// <summary>
/// Every HTTP function of the app. The standalone host maps exactly these; the Functions host finds the same
/// functions through their <c>[Function]</c> attributes (functions.metadata). A test keeps the two equal.
/// </summary>
public static class HttpRoutes
{
    public static IReadOnlyList<HttpRoute> All { get; } =
    [
        ShopifyWebhook.Route,
        AmazonWebhook.Route,
        WalmartWebhook.Route,
        TikTokShopWebhook.Route,
        GetOrder.Route,
        ListOrdersForDay.Route,
        GetOrderFlow.Route,
        RetryOrderFlow.Route,
        ListFlowExceptions.Route,
        RepartitionOrders.Route,
        GetInventory.Route,
        GetAvailableToSell.Route,
        GetPushControl.Route,
        PausePushes.Route,
        ResumePushes.Route,
        ListHeldPushes.Route,
        ConfirmHeldPushes.Route,
        GetStockBalances.Route,
        ListStockLedger.Route,
        AdjustStock.Route,
        ListChannelEvents.Route,
        ListQuarantine.Route,
        ReplayQuarantinedDelivery.Route,
        GetRawDelivery.Route,
        ListAlerts.Route,
        GetAlert.Route,
        AcknowledgeAlert.Route,
        ResolveAlert.Route,
        ListPrivacyRequests.Route,
        GetPrivacyRequest.Route,
        DownloadPrivacyExport.Route,
        GetBackstopDay.Route,
        RunBackstop.Route,
        GetDrift.Route,
        RunDrift.Route,
        GetSkuPrices.Route,
        SetPrice.Route,
        ListPriceOverrides.Route,
        PostImport.Route,
        ListImports.Route,
        GetImport.Route,
        GetCatalogItem.Route,
        ListReports.Route,
        GetLatestMonthlyReport.Route,
        CreateReportLink.Route,
        ListReportLinks.Route,
        GetLatestReview.Route,
        StartReview.Route,
        GetReview.Route,
        RunSettlementImport.Route,
        ListPayouts.Route,
        Health.Route,
        OpenApiDocument.Route,
        GetInstanceStatus.Route,
        CreateBrand.Route,
        ListBrands.Route,
        GetBrand.Route,
        UpdateBrand.Route,
        ListChannelAccounts.Route,
        GetChannelAccount.Route,
        PutChannelAccount.Route,
        DisconnectChannelAccount.Route,
        RotateChannelSecret.Route,
        DropPreviousChannelSecret.Route,
        ListRegistryAudit.Route,
        StartConnection.Route,
        ListConnections.Route,
        VerifyWalmartConnection.Route,
        ShopifyInstall.Route,
        ShopifyCallback.Route,
        AmazonCallback.Route,
        TikTokShopCallback.Route,
        WalmartOAuthToken.Route,
        ListHumanActions.Route,
    ];
}
