namespace ServerlessOps.Testing.BadInput;

/// <summary>How the app answered one <see cref="BadInputCall"/>.</summary>
/// <param name="Status">HTTP status; 0 when no answer came (connection reset, timeout).</param>
/// <param name="ProblemJson">The answer was <c>application/problem+json</c>.</param>
/// <param name="Body">The answer's body, cut to 2,000 characters (problem details, acknowledgement).</param>
/// <param name="ByServer">The HTTP server answered before the app (a raw request it refused, e.g. CR in a header).</param>
public sealed record BadInputAnswer(BadInputCall Call, int Status, bool ProblemJson, string Body, bool ByServer = false)
{
    /// <summary>503s with Retry-After (storage busy) answered before this final answer; the call was sent again, as channels do.</summary>
    public int Retried503 { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsClientError => Status is >= 400 and < 500;

    public bool IsServerError => Status >= 500;

    public override string ToString() => $"{Status} {Call}";
}
