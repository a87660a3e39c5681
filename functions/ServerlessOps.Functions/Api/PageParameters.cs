using Microsoft.AspNetCore.Http.Extensions;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api;

/// <summary>The paged lists' side of a request (<see cref="ListPaging"/>): reads <c>limit</c> and <c>after</c>, writes the Link to the next page.</summary>
internal static class PageParameters
{
    /// <summary>The page the request asks for, or a 400 problem naming the bad parameter.</summary>
    public static bool TryRead(HttpCall http, out PageRequest page, out IResult? problem)
    {
        var paging = PagingOf(http);
        page = null!;
        if (!ApiParameters.TryParseLimit(http.QueryValue(ListPaging.LimitParameter), paging.DefaultLimit, paging.MaxLimit, out var limit, out problem))
        {
            return false;
        }

        KeysetPosition? after = null;
        var cursor = http.QueryValue(ListPaging.AfterParameter);
        if (cursor is not null && !PageCursor.TryDecode(paging.ListName, cursor, out after))
        {
            problem = Problems.Result(Problems.InvalidParameter,
                $"Query parameter 'after' must be the cursor of a Link rel=\"next\" from this list ({paging.ListName}); received '{Shorten(cursor)}'.");
            return false;
        }

        page = new PageRequest(limit, after);
        return true;
    }

    /// <summary>200 with the page's items as the JSON array the route always answered, and, unless it is the last page, <c>Link: &lt;next&gt;; rel="next"</c>.</summary>
    public static IResult Ok<T>(HttpCall http, IReadOnlyList<T> items, KeysetPosition? next)
    {
        LinkNext(http, next);
        return TypedResults.Ok(items);
    }

    /// <summary>
    /// 200 with the wrapper object the route always answered (e.g. <c>{"brandId": …, "reports": [page]}</c>), its list
    /// holding only this page's items, and the same <c>Link</c> as <see cref="Ok{T}(HttpCall, IReadOnlyList{T}, KeysetPosition?)"/>.
    /// </summary>
    public static IResult OkWrapped<TBody>(HttpCall http, TBody body, KeysetPosition? next)
    {
        LinkNext(http, next);
        return TypedResults.Ok(body);
    }

    private static void LinkNext(HttpCall http, KeysetPosition? next)
    {
        if (next is not null)
        {
            http.Context.Response.Headers.Link = $"<{NextUrl(http, PageCursor.Encode(PagingOf(http).ListName, next))}>; rel=\"next\"";
        }
    }

    /// <summary>This path with the request's query, <c>after</c> replaced: the filters and the limit carry over.</summary>
    private static string NextUrl(HttpCall http, string cursor)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in http.Request.Query)
        {
            if (!string.Equals(name, ListPaging.AfterParameter, StringComparison.OrdinalIgnoreCase))
            {
                query.Add(name, [.. values.Select(v => v ?? string.Empty)]);
            }
        }

        query.Add(ListPaging.AfterParameter, cursor);
        return http.Request.PathBase.Add(http.Request.Path).ToUriComponent() + query.ToQueryString().ToUriComponent();
    }

    private static ListPaging PagingOf(HttpCall http) =>
        http.Route.Paging ?? throw new InvalidOperationException($"Route {http.Route.Name} reads pages but declares no Paging.");

    // A cursor is short; something long in its place is echoed only in part.
    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
