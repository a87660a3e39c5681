using System.Collections.Frozen;
using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// The alert catalogue: every <see cref="AlertKind"/> with its slug, title, signal and default severity. A test
/// keeps it complete (one row per member, slugs unique) and in step with Domain/Alerts/README.md.
/// </summary>
public static class AlertKinds
{
    private static readonly FrozenDictionary<AlertKind, AlertKindInfo> _byKind = new AlertKindInfo[]
    {
        new(AlertKind.ChannelAuthorizationRevoked, "channel-authorization-revoked", "Channel authorisation revoked", BrandSignal.Data, AlertSeverity.Critical),
        new(AlertKind.WebhooksStopped, "webhooks-stopped", "Channel webhooks stopped arriving", BrandSignal.Data, AlertSeverity.Warning),
        new(AlertKind.SlaMissed, "sla-missed", "Order missed its ship-by", BrandSignal.Fulfilment, AlertSeverity.Warning),
        new(AlertKind.SlaEscalated, "sla-escalated", "Order still unshipped past escalation", BrandSignal.Fulfilment, AlertSeverity.Critical),
        new(AlertKind.PriceBelowFloor, "price-below-floor", "Price below floor", BrandSignal.Pricing, AlertSeverity.Warning),
        new(AlertKind.ContributionNegative, "contribution-negative", "Order loses money after channel fees", BrandSignal.Pricing, AlertSeverity.Warning),
        new(AlertKind.PushFailed, "push-failed", "Push to channel failed", BrandSignal.Inventory, AlertSeverity.Warning),
        new(AlertKind.DriftRepeated, "drift-repeated", "Listing keeps drifting from the truth", BrandSignal.Inventory, AlertSeverity.Warning),
        new(AlertKind.StockShort, "stock-short", "Order could not reserve its stock", BrandSignal.Inventory, AlertSeverity.Critical),
        new(AlertKind.SkuUnmapped, "sku-unmapped", "Order line maps to no catalog SKU", BrandSignal.Data, AlertSeverity.Warning),
        new(AlertKind.FlowFailed, "flow-failed", "Order flow failed", BrandSignal.Fulfilment, AlertSeverity.Critical),
        new(AlertKind.CadenceLapsed, "cadence-lapsed", "Recurring process lapsed", BrandSignal.Finance, AlertSeverity.Warning),
        new(AlertKind.PrivacyExportReady, "privacy-export-ready", "Buyer data export ready", BrandSignal.Data, AlertSeverity.Info),
        new(AlertKind.PushHeld, "push-held", "Stock pushes held: many listings would drop to zero", BrandSignal.Inventory, AlertSeverity.Critical),
        new(AlertKind.ReviewActionAssigned, "review-action-assigned", "Monthly review assigned a fix", BrandSignal.Finance, AlertSeverity.Info),
        new(AlertKind.ReviewRuleBreached, "review-rule-breached", "A monthly review check failed", BrandSignal.Finance, AlertSeverity.Warning),
        new(AlertKind.PayoutMismatch, "payout-mismatch", "Payout differs from its settlement rows", BrandSignal.Finance, AlertSeverity.Warning),
        new(AlertKind.ImportStuck, "import-stuck", "Import stopped midway", BrandSignal.Data, AlertSeverity.Warning),
        new(AlertKind.PrivacyRequestStuck, "privacy-request-stuck", "Privacy request not completed", BrandSignal.Data, AlertSeverity.Critical),
        new(AlertKind.PayoutUnchecked, "payout-unchecked", "Payout cannot be checked against its settlement rows", BrandSignal.Finance, AlertSeverity.Info),
    }.ToFrozenDictionary(i => i.Kind);

    private static readonly FrozenDictionary<string, AlertKind> _bySlug =
        _byKind.Values.ToFrozenDictionary(i => i.Slug, i => i.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every row, in <see cref="AlertKind"/> order.</summary>
    public static IReadOnlyList<AlertKindInfo> All { get; } = [.. _byKind.Values.OrderBy(i => i.Kind)];

    public static AlertKindInfo Describe(this AlertKind kind) =>
        _byKind.TryGetValue(kind, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "This alert kind has no row in AlertKinds: add one (and one to Domain/Alerts/README.md).");

    public static string Slug(this AlertKind kind) => kind.Describe().Slug;

    /// <summary>Parses a slug (<c>sla-missed</c>) or a member name (<c>SlaMissed</c>), case-insensitively.</summary>
    public static bool TryParse(string? text, out AlertKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (_bySlug.TryGetValue(text.Trim(), out kind))
        {
            return true;
        }

        return Enum.TryParse(text.Trim(), ignoreCase: true, out kind) && _byKind.ContainsKey(kind) && !int.TryParse(text, out _);
    }
}
