using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Benchmarks.Drills.Access;

/// <summary>
/// Every route of <see cref="HttpRoutes.All"/> called as it must be refused: a role route with no credential (401), the
/// wrong role (403, where a single role is asked; a report link also without finance itself, admin included) and another
/// brand's caller holding every role (403); a webhook with no credential and with each other channel's genuine,
/// correctly signed delivery (4xx); an authorisation protocol's endpoint with nothing (4xx). Anything else that answers
/// counts as wrongly allowed, including a 404 from the handler: it means the call got past the access check.
/// </summary>
internal sealed partial class AccessSweep(HttpClient http, AccessKeys keys, ScenarioAccounts accounts, List<string> answers)
{
    public async Task<Dictionary<string, AccessTally>> RunAsync(CancellationToken cancellationToken)
    {
        var tallies = new Dictionary<string, AccessTally>(StringComparer.Ordinal);
        foreach (var route in HttpRoutes.All)
        {
            var tally = Group(tallies, route);
            switch (route.Access.Kind)
            {
                case RouteAccessKind.Role:
                    await ExpectAsync(tally, route, null, [401], "no credential", cancellationToken);
                    if (WrongRoleKey(route) is { } wrong)
                    {
                        await ExpectAsync(tally, route, wrong, [403], "wrong role", cancellationToken);
                    }

                    if (route.Name == nameof(ServerlessOps.Functions.Api.Reports.CreateReportLink))
                    {
                        await ExpectAsync(tally, route, keys.AdminAcme, [403], "admin without finance", cancellationToken);
                    }

                    if (route.IsBrandScoped)
                    {
                        await ExpectAsync(tally, route, keys.EveryRoleGlobex, [403], "another brand", cancellationToken);
                    }

                    break;
                case RouteAccessKind.Channel:
                    await ExpectRefusedAsync(tally, route, Unsigned(route), "no credential", cancellationToken);
                    foreach (var other in Enum.GetValues<SalesChannel>().Where(c => route.Template.EndsWith("/" + c.Slug(), StringComparison.Ordinal) is false))
                    {
                        await ExpectRefusedAsync(tally, route, Genuine(other, route), $"{other}'s authentication", cancellationToken);
                    }

                    break;
                case RouteAccessKind.Protocol:
                    await ExpectRefusedAsync(tally, route, new HttpRequestMessage(new HttpMethod(route.Method), Fill(route)), "nothing", cancellationToken);
                    break;
                default:
                    using (var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), Fill(route)), cancellationToken))
                    {
                        tally.Calls++;
                        tally.OpenByDesign++;
                    }

                    break;
            }
        }

        return tallies;
    }

    public static AccessTally Group(Dictionary<string, AccessTally> tallies, HttpRoute route)
    {
        var name = route.Access.Kind switch
        {
            RouteAccessKind.Role => $"{route.Tag} ({route.Access})",
            RouteAccessKind.Channel => "Webhooks (channel)",
            RouteAccessKind.Protocol => "Connections (protocol)",
            _ => $"{route.Tag} (anonymous)",
        };
        if (!tallies.TryGetValue(name, out var tally))
        {
            tallies[name] = tally = new AccessTally(name);
        }

        return tally;
    }

    private string? WrongRoleKey(HttpRoute route) =>
        route.Access.Roles.Count != 1 ? null
        : route.Access.Role switch
        {
            AccessRole.Finance => keys.OperationsAcme,
            AccessRole.Operations => keys.FinanceAcme,
            _ => keys.OperationsAcme,
        };

    private async Task ExpectAsync(AccessTally tally, HttpRoute route, string? key, int[] statuses, string how, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), Fill(route));
        if (key is not null)
        {
            request.Headers.Add(LocalStackSettings.ApiKeyHeader, key);
        }

        var status = await SendAsync(request, cancellationToken);
        tally.Calls++;
        if (statuses.Contains(status))
        {
            tally.Refused++;
        }
        else
        {
            tally.WronglyAllowed++;
            tally.Findings.Add($"{route.Method} {route.Template} with {how} answered {status}, expected {string.Join(" or ", statuses)}");
        }
    }

    private async Task ExpectRefusedAsync(AccessTally tally, HttpRoute route, HttpRequestMessage request, string how, CancellationToken cancellationToken)
    {
        using (request)
        {
            var status = await SendAsync(request, cancellationToken);
            tally.Calls++;
            if (status is >= 400 and < 500)
            {
                tally.Refused++;
            }
            else
            {
                tally.WronglyAllowed++;
                tally.Findings.Add($"{route.Method} {route.Template} with {how} answered {status}, expected 4xx");
            }
        }
    }

    private async Task<int> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        answers.Add(await response.Content.ReadAsStringAsync(cancellationToken));
        return (int)response.StatusCode;
    }

    private static HttpRequestMessage Unsigned(HttpRoute route) => new(HttpMethod.Post, Fill(route))
    {
        Content = new StringContent("{}", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
    };

    /// <summary>A genuine delivery of <paramref name="channel"/>, correctly signed with its secret, sent to another channel's route.</summary>
    private HttpRequestMessage Genuine(SalesChannel channel, HttpRoute route)
    {
        var id = Guid.NewGuid().ToString();
        var webhook = channel switch
        {
            SalesChannel.Shopify => accounts.Sign(channel, ChannelSamples.Bytes("shopify-orders-create.json"), id, "orders/create"),
            SalesChannel.Amazon => accounts.Sign(channel, ChannelSamples.Bytes("amazon-pipe-order-change.json"), id),
            SalesChannel.Walmart => accounts.Sign(channel, ChannelSamples.Bytes("walmart-po-created.json"), id, at: DateTimeOffset.UtcNow),
            _ => accounts.Sign(channel, ChannelSamples.Bytes("tiktok-order-status-change.json"), id),
        };
        var request = webhook.ToRequest(http.BaseAddress!);
        request.RequestUri = new Uri(http.BaseAddress!, Fill(route));
        return request;
    }

    /// <summary>The route's path with brand acme and any other value filled in.</summary>
    public static string Fill(HttpRoute route) =>
        Placeholder().Replace(route.Template.Replace("{brandId}", "acme", StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal), "any");

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();
}
