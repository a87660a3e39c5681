namespace ServerlessOps.Functions.Http;

/// <summary>
/// A list route that answers in pages (README "Paged lists"): <c>?limit=</c> from 1 to <see cref="MaxLimit"/>
/// (<see cref="DefaultLimit"/> when absent), <c>?after=</c> an opaque cursor from the previous page's
/// <c>Link: &lt;…&gt;; rel="next"</c>, which the last page does not carry. The body stays the JSON array it was, or the
/// wrapper object it was with only its list paged.
/// </summary>
/// <param name="ListName">Written into the list's cursors, so a cursor of another list is refused rather than misread.</param>
public sealed record ListPaging(string ListName, int DefaultLimit = 100, int MaxLimit = 500)
{
    public const string LimitParameter = "limit";
    public const string AfterParameter = "after";
}
