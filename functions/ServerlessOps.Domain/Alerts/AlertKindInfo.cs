using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Domain.Alerts;

/// <summary>One row of the alert catalogue (<see cref="AlertKinds"/>).</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Slug">Stable external name (<c>sla-missed</c>): in the dedupe key, the API, the chat message and the metric's <c>kind</c> tag.</param>
/// <param name="Title">What the owner reads first, e.g. "Order missed its ship-by".</param>
/// <param name="Signal">Whose problem it is by default: the owner of this signal is resolved from the brand's owners.</param>
/// <param name="Severity">Severity when the raiser states none.</param>
public sealed record AlertKindInfo(AlertKind Kind, string Slug, string Title, BrandSignal Signal, AlertSeverity Severity);
