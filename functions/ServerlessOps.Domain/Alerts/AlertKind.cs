namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// What went wrong, one member per business problem the app alerts a brand's people about. Stored by name, so a
/// member is never renamed; <see cref="AlertKinds"/> gives each its slug, title, signal and default severity, and
/// Domain/Alerts/README.md when it is raised and cleared. Later work adds members (and a catalogue row each).
/// </summary>
public enum AlertKind
{
    /// <summary>A channel refused the account's refresh token: the merchant must authorise the app again.</summary>
    ChannelAuthorizationRevoked,

    /// <summary>A channel account's webhooks stopped arriving while the backstop still finds changed orders.</summary>
    WebhooksStopped,

    /// <summary>An order was not shipped by its ship-by deadline.</summary>
    SlaMissed,

    /// <summary>An order is still unshipped past the escalation deadline after its ship-by.</summary>
    SlaEscalated,

    /// <summary>A unit net price is below the floor, max(MAP, cost / (1 - margin floor)).</summary>
    PriceBelowFloor,

    /// <summary>Contribution after the channel's scheduled fees is below zero.</summary>
    ContributionNegative,

    /// <summary>A stock or price push to a channel failed after its retries.</summary>
    PushFailed,

    /// <summary>A listing drifted from the truth again after being repaired.</summary>
    DriftRepeated,

    /// <summary>An order could not reserve all its units: the exception path, not a silent oversell.</summary>
    StockShort,

    /// <summary>An order line does not map to a catalog SKU of the brand.</summary>
    SkuUnmapped,

    /// <summary>A flow exhausted its retries (or is stuck past its threshold) and was compensated.</summary>
    FlowFailed,

    /// <summary>A recurring process (the monthly review, an import) did not happen on its cadence.</summary>
    CadenceLapsed,

    /// <summary>A buyer's data export for a channel's data request is ready for the brand's data owner to download.</summary>
    PrivacyExportReady,

    /// <summary>Stock pushes that would drop many of a brand's listings to zero at once are held for confirmation.</summary>
    PushHeld,

    /// <summary>The monthly review put a fix on the roadmap and named this owner for it.</summary>
    ReviewActionAssigned,

    /// <summary>A daily check from a monthly review's roadmap failed (stock cover, campaign breakeven, fees, floor, late shipments, unmapped SKUs, refunds).</summary>
    ReviewRuleBreached,

    /// <summary>A channel's payout differs by more than a cent from what its own settlement rows (orders, fees, refunds, adjustments) add up to.</summary>
    PayoutMismatch,

    /// <summary>An import stopped midway (the client gave up, the process died) and is still half-applied past its threshold.</summary>
    ImportStuck,

    /// <summary>A channel's privacy request is not completed long after it arrived, or its delivery sits in quarantine: its legal deadline is running.</summary>
    PrivacyRequestStuck,

    /// <summary>A channel's payout holds events the import does not read, so its rows cannot explain what was paid: a person must check it by hand.</summary>
    PayoutUnchecked,
}
