using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ServerlessOps.Testing.Faults;

/// <summary>
/// The error answers a <see cref="FaultProxy"/> gives in place of the service, shaped as the service shapes them, since the
/// SDKs decide on retries from the status and headers: Cosmos reads <c>x-ms-retry-after-ms</c> on a 429 (sub-status 3200,
/// "request rate is large"); Azure Storage sends <c>x-ms-error-code</c> (500 InternalError, 503 ServerBusy) in XML, or in
/// JSON for the table service.
/// </summary>
internal static class FaultAnswers
{
    public static Task WriteAsync(HttpContext context, FaultDialect dialect, int status, TimeSpan retryAfter)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (dialect == FaultDialect.Cosmos)
        {
            var code = status switch { 429 => "TooManyRequests", 503 => "ServiceUnavailable", _ => "InternalServerError" };
            response.Headers["x-ms-activity-id"] = context.Request.Headers["x-ms-activity-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
            response.Headers["x-ms-request-charge"] = "0";
            if (status == 429)
            {
                response.Headers["x-ms-retry-after-ms"] = ((long)retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                response.Headers["x-ms-substatus"] = "3200";
            }

            response.ContentType = "application/json";
            return response.WriteAsync($$"""{"code":"{{code}}","message":"Injected by the fault proxy: {{code}}."}""", context.RequestAborted);
        }

        var error = status switch { 503 => "ServerBusy", 429 => "ServerBusy", _ => "InternalError" };
        response.Headers["x-ms-error-code"] = error;
        response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        if (context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            response.ContentType = "application/json;odata=minimalmetadata";
            return response.WriteAsync("{\"odata.error\":{\"code\":\"" + error + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"Injected by the fault proxy.\"}}}", context.RequestAborted);
        }

        response.ContentType = "application/xml";
        return response.WriteAsync($"""<?xml version="1.0" encoding="utf-8"?><Error><Code>{error}</Code><Message>Injected by the fault proxy.</Message></Error>""", context.RequestAborted);
    }
}
