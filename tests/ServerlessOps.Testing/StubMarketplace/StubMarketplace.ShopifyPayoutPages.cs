using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// Shopify's cursor paging of the payouts list, as its REST Admin API pages every list: <c>limit</c> payouts a page
/// (default 50, at most 250), the next page named only by <c>Link: &lt;...?limit=..&amp;page_info=...&gt;; rel="next"</c>
/// (a later page also carries <c>rel="previous"</c>). A request with <c>page_info</c> may carry no other filter (Shopify
/// answers 400), so a reader must follow the link as given, not rebuild it.
/// </summary>
public sealed partial class StubMarketplace
{
    private const int ShopifyDefaultPageSize = 50;
    private const int ShopifyMaxPageSize = 250;

    /// <summary>Why Shopify would refuse this payouts list request (400), else null.</summary>
    private static string? ShopifyPayoutPageRefusal(IQueryCollection query)
    {
        if (query.TryGetValue("limit", out var limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > ShopifyMaxPageSize))
        {
            return $"limit must be 1 to {ShopifyMaxPageSize}.";
        }

        if (!query.ContainsKey("page_info"))
        {
            return null;
        }

        return query.Keys.Any(k => k is not ("page_info" or "limit")) ? "page_info cannot be combined with other filters." : ShopifyCursor.Read(query["page_info"].ToString()) is null ? "page_info - Invalid value." : null;
    }

    /// <summary>One page of the payouts paid in the request's <c>date_min</c>..<c>date_max</c> (or its cursor's), with the Link header to its neighbours.</summary>
    private static JsonObject ShopifyPayoutPage(HttpContext context, List<StubPayout> payouts, bool broken)
    {
        var query = context.Request.Query;
        var cursor = query.ContainsKey("page_info")
            ? ShopifyCursor.Read(query["page_info"].ToString())!
            : new ShopifyCursor(query["date_min"].ToString(), query["date_max"].ToString(), 0);
        var limit = query.ContainsKey("limit") ? int.Parse(query["limit"].ToString(), CultureInfo.InvariantCulture) : ShopifyDefaultPageSize;
        var min = DateOnly.TryParse(cursor.DateMin, CultureInfo.InvariantCulture, out var dmin) ? dmin : DateOnly.MinValue;
        var max = DateOnly.TryParse(cursor.DateMax, CultureInfo.InvariantCulture, out var dmax) ? dmax : DateOnly.MaxValue;
        var matching = payouts.Where(p => Day(p.PaidAt) >= min && Day(p.PaidAt) <= max).ToList();

        var links = new List<string>();
        if (cursor.Offset > 0)
        {
            links.Add($"<{ShopifyPageUri(context, limit, cursor with { Offset = Math.Max(0, cursor.Offset - limit) })}>; rel=\"previous\"");
        }

        if (cursor.Offset + limit < matching.Count)
        {
            links.Add($"<{ShopifyPageUri(context, limit, cursor with { Offset = cursor.Offset + limit })}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", links);
        }

        return new JsonObject
        {
            ["payouts"] = new JsonArray([.. matching.Skip(cursor.Offset).Take(limit).Select(p => (JsonNode)new JsonObject
            {
                ["id"] = long.TryParse(p.PayoutId, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) ? numeric : p.PayoutId,
                ["status"] = "paid",
                ["date"] = Day(p.PaidAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["currency"] = p.Currency,
                ["amount"] = broken ? null : Money(p.Paid),
            })]),
        };
    }

    private static string ShopifyPageUri(HttpContext context, int limit, ShopifyCursor cursor) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?limit={limit.ToString(CultureInfo.InvariantCulture)}&page_info={cursor.Write()}";

    /// <summary>An opaque page_info, as Shopify's is: the first request's filters and where the page starts.</summary>
    private sealed record ShopifyCursor(string DateMin, string DateMax, int Offset)
    {
        public string Write() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{DateMin}|{DateMax}|{Offset.ToString(CultureInfo.InvariantCulture)}"));

        public static ShopifyCursor? Read(string pageInfo)
        {
            try
            {
                var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(pageInfo)).Split('|');
                return parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? new ShopifyCursor(parts[0], parts[1], offset) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
