using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ServerlessOps.Infrastructure;

namespace ServerlessOps.Functions.Errors;

/// <summary>
/// The one place unexpected exceptions become answers: a store outage is a 503 with Retry-After (so
/// channels retry instead of losing the delivery), anything else a 500 carrying the trace id.
/// </summary>
public sealed class UnhandledExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<UnhandledExceptionHandler> _logger;

    public UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger)
    {
        _problems = problems;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        ProblemType type;
        string detail;
        if (exception is StoreUnavailableException unavailable)
        {
            type = Problems.StoreUnavailable;
            detail = "The delivery was not stored; nothing was acknowledged. Retry later.";
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _logger.StoreUnavailable(httpContext.Request.Path, exception);
        }
        else
        {
            type = Problems.Unexpected;
            detail = $"An unexpected error occurred; quote trace id {traceId}.";
            _logger.UnhandledException(httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = type.Status;
        return await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Type = type.Uri,
                Title = type.Title,
                Status = type.Status,
                Detail = detail,
                Extensions = { ["traceId"] = traceId },
            },
        });
    }
}
