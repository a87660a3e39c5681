namespace ServerlessOps.Domain.Paging;

/// <summary>
/// A place in a list read newest first: the stored sort key (sortable UTC text) and the stored id of the last item a page
/// ended on. The next page holds the items after it in the order (sort key descending, id descending on ties), so items
/// added since (newer, hence before it) never move what is still to come.
/// </summary>
public sealed record KeysetPosition(string SortKey, string Id);
