using ServerlessOps.Domain.Review;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Reviews;

/// <summary>The brand and month of the review routes (<c>{month}</c> is <c>yyyy-MM</c>, the brand's time zone).</summary>
internal static class ReviewParameters
{
    public static bool TryRead(HttpCall http, out string brandId, out ReviewMonth month, out IResult? problem)
    {
        brandId = http.RouteValue("brandId");
        var text = http.RouteValue("month");
        if (ReviewMonth.TryParse(text, out month))
        {
            problem = null;
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Route value 'month' is '{text}'; expected a month as yyyy-MM (2026-11).");
        return false;
    }
}
