namespace ServerlessOps.Domain.Audit;

/// <summary>The kinds of <see cref="HumanAction"/>, as stored and listed (kebab case, stable: the audit is read by people and scripts).</summary>
public static class HumanActionKinds
{
    public const string PriceSet = "price-set";
    public const string FlowRetry = "flow-retry";
    public const string QuarantineReplay = "quarantine-replay";
    public const string StockAdjustment = "stock-adjustment";
    public const string PushPause = "push-pause";
    public const string PushResume = "push-resume";
    public const string HeldPushesConfirm = "held-pushes-confirm";
    public const string ReportLink = "report-link";
    public const string AlertAcknowledge = "alert-acknowledge";
    public const string AlertResolve = "alert-resolve";
    public const string BrandCreate = "brand-create";
    public const string BrandUpdate = "brand-update";
    public const string AccountPut = "account-put";
    public const string AccountDisconnect = "account-disconnect";
    public const string SecretRotate = "secret-rotate";
    public const string SecretDropPrevious = "secret-drop-previous";
    public const string ConnectionStart = "connection-start";
    public const string ConnectionVerify = "connection-verify";
    public const string Import = "import";
    public const string SettlementImport = "settlement-import";
    public const string BackstopRun = "backstop-run";
    public const string DriftRun = "drift-run";
    public const string ReviewStart = "review-start";
    public const string OrdersRepartition = "orders-repartition";
}
