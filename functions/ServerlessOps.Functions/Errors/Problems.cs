using Microsoft.AspNetCore.Mvc;

namespace ServerlessOps.Functions.Errors;

/// <summary>
/// The catalogue of every RFC 7807 problem the app returns. Keeping them in one place gives each a single
/// title and status, so a channel operator or a finance user sees the same words for the same fault.
/// </summary>
public static class Problems
{
    public static readonly ProblemType BodyTooLarge = new("body-too-large", "Request body too large", StatusCodes.Status413PayloadTooLarge);
    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", "Unsupported content type", StatusCodes.Status415UnsupportedMediaType);
    public static readonly ProblemType MalformedDelivery = new("malformed-delivery", "Malformed webhook delivery", StatusCodes.Status400BadRequest);
    public static readonly ProblemType Unauthenticated = new("unauthenticated", "Webhook authentication failed", StatusCodes.Status401Unauthorized);
    public static readonly ProblemType UnknownAccount = new("unknown-account", "Unknown channel account", StatusCodes.Status403Forbidden);
    public static readonly ProblemType UnsupportedTopic = new("unsupported-topic", "Unsupported webhook topic", StatusCodes.Status422UnprocessableEntity);
    public static readonly ProblemType StaleSignature = new("stale-signature", "Signed timestamp outside the accepted window", StatusCodes.Status401Unauthorized);
    public static readonly ProblemType StoreUnavailable = new("store-unavailable", "Storage temporarily unavailable", StatusCodes.Status503ServiceUnavailable);
    public static readonly ProblemType NotFound = new("not-found", "Not found", StatusCodes.Status404NotFound);
    public static readonly ProblemType InvalidParameter = new("invalid-parameter", "Invalid parameter", StatusCodes.Status400BadRequest);
    public static readonly ProblemType InvalidBody = new("invalid-body", "Invalid request body", StatusCodes.Status400BadRequest);
    public static readonly ProblemType Conflict = new("conflict", "Conflicting update", StatusCodes.Status409Conflict);
    public static readonly ProblemType IdempotencyKeyReused = new("idempotency-key-reused", "Idempotency key reused for another request", StatusCodes.Status422UnprocessableEntity);
    public static readonly ProblemType CallerUnauthenticated = new("caller-unauthenticated", "Authentication required", StatusCodes.Status401Unauthorized);
    public static readonly ProblemType ForbiddenRole = new("forbidden-role", "Role required", StatusCodes.Status403Forbidden);
    public static readonly ProblemType ForbiddenBrand = new("forbidden-brand", "Brand outside the caller's scope", StatusCodes.Status403Forbidden);
    public static readonly ProblemType AccountDisconnected = new("account-disconnected", "Channel account not accepting deliveries", StatusCodes.Status403Forbidden);
    public static readonly ProblemType PreconditionFailed = new("precondition-failed", "Changed since it was read", StatusCodes.Status412PreconditionFailed);
    public static readonly ProblemType PreconditionRequired = new("precondition-required", "If-Match required", StatusCodes.Status428PreconditionRequired);
    public static readonly ProblemType MisconfiguredSettings = new("misconfigured-settings", "Settings could not be resolved", StatusCodes.Status503ServiceUnavailable);
    public static readonly ProblemType WarmingUp = new("warming-up", "Instance warming up", StatusCodes.Status503ServiceUnavailable);
    public static readonly ProblemType AuthorizationStateInvalid = new("authorization-state-invalid", "Authorisation state refused", StatusCodes.Status400BadRequest);
    public static readonly ProblemType AuthorizationSignatureInvalid = new("authorization-signature-invalid", "Authorisation request not signed by the channel", StatusCodes.Status401Unauthorized);
    public static readonly ProblemType AuthorizationRefused = new("authorization-refused", "The channel refused the authorisation", StatusCodes.Status400BadRequest);
    public static readonly ProblemType ChannelAppNotConfigured = new("channel-app-not-configured", "Channel app not configured", StatusCodes.Status409Conflict);
    public static readonly ProblemType ChannelUnavailable = new("channel-unavailable", "Channel temporarily unavailable", StatusCodes.Status503ServiceUnavailable);
    public static readonly ProblemType ClientAuthenticationFailed = new("client-authentication-failed", "Client authentication failed", StatusCodes.Status401Unauthorized);
    public static readonly ProblemType UnsupportedGrantType = new("unsupported-grant-type", "Unsupported grant type", StatusCodes.Status400BadRequest);
    public static readonly ProblemType ImportInvalid = new("import-invalid", "Import file invalid", StatusCodes.Status422UnprocessableEntity);
    public static readonly ProblemType Unexpected = new("unexpected", "Unexpected error", StatusCodes.Status500InternalServerError);

    public static IResult Result(ProblemType type, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Type = type.Uri,
            Title = type.Title,
            Status = type.Status,
            Detail = detail,
            Extensions = extensions ?? new Dictionary<string, object?>(),
        });
}
