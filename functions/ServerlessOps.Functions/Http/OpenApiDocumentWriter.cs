using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ServerlessOps.Functions.Access;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ServerlessOps.Functions.Http;

/// <summary>
/// Writes the OpenAPI 3.1 document from <see cref="HttpRoutes.All"/>, so both hosts serve the same description
/// (the Functions host has no ASP.NET Core endpoint metadata to generate one from). Response schemas come from
/// System.Text.Json's schema exporter with the app's own JSON options, so they describe what is really sent.
/// Every operation carries <c>x-required-role</c>: anonymous, channel, operations, finance or admin.
/// </summary>
public sealed partial class OpenApiDocumentWriter
{
    private const string ProblemSchema = "#/components/schemas/ProblemDetails";
    private readonly Lazy<string> _document;

    public OpenApiDocumentWriter(IOptions<JsonOptions> json)
    {
        ArgumentNullException.ThrowIfNull(json);
        _document = new Lazy<string>(() => Build(json.Value.SerializerOptions).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public string Document => _document.Value;

    private static JsonObject Build(JsonSerializerOptions json)
    {
        var paths = new JsonObject();
        foreach (var route in HttpRoutes.All)
        {
            var path = "/" + route.Template;
            if (paths[path] is not JsonObject item)
            {
                item = [];
                paths[path] = item;
            }

            item[route.Method.ToLowerInvariant()] = Operation(route, json);
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "ServerlessOps",
                ["version"] = "v1",
                ["description"] = "Marketplace webhooks in; orders, events and operations out. Every route but the webhooks, " +
                    "health and this document needs a caller with the role in x-required-role and, where the path names a brand, that brand in its scope.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["entraId"] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["description"] = "An Entra ID token for the app registration, validated by App Service authentication; roles are its app roles.",
                    },
                    ["apiKey"] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "header",
                        ["name"] = CallerResolver.ApiKeyHeader,
                        ["description"] = "Local and test deployments only: a configured key with its roles and brands (Access:ApiKeys).",
                    },
                },
                ["schemas"] = new JsonObject { ["ProblemDetails"] = ProblemDetailsSchema() },
            },
        };
    }

    private static JsonObject Operation(HttpRoute route, JsonSerializerOptions json)
    {
        var parameters = new JsonArray();
        foreach (Match match in PathParameter().Matches(route.Template))
        {
            parameters.Add(Parameter(match.Groups[1].Value, "path", required: true, description: null));
        }

        foreach (var query in route.Query)
        {
            parameters.Add(Parameter(query.Name, "query", query.Required, query.Description));
        }

        if (route.Paging is { } paging)
        {
            parameters.Add(Parameter(ListPaging.LimitParameter, "query", required: false,
                $"items per page, 1 to {paging.MaxLimit}; default {paging.DefaultLimit}"));
            parameters.Add(Parameter(ListPaging.AfterParameter, "query", required: false,
                "opaque cursor: take it from the previous page's Link rel=\"next\" URL, never build it"));
        }

        var responses = new JsonObject
        {
            [route.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)] = route.Response is null
                ? new JsonObject { ["description"] = "Success" }
                : new JsonObject
                {
                    ["description"] = "Success",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = json.GetJsonSchemaAsNode(route.Response) } },
                },
        };
        if (route.Paging is not null)
        {
            responses[route.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["headers"] = new JsonObject
            {
                ["Link"] = new JsonObject
                {
                    ["description"] = "RFC 8288 <url>; rel=\"next\": the next page's URL (this path, the same query, a new after); absent on the last page.",
                    ["schema"] = new JsonObject { ["type"] = "string" },
                },
            };
        }

        int[] pagingStatuses = route.Paging is null ? [] : [StatusCodes.Status400BadRequest];
        foreach (var status in route.ProblemStatuses.Concat(pagingStatuses).Concat(AccessStatuses(route)).Distinct().Order())
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = "Problem",
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = ProblemSchema } } },
            };
        }

        var operation = new JsonObject
        {
            ["operationId"] = route.Name,
            ["summary"] = route.Summary,
            ["tags"] = new JsonArray(route.Tag),
            ["x-required-role"] = route.Access.ToString(),
            ["parameters"] = parameters,
            ["responses"] = responses,
        };
        if (route.Access.Kind == RouteAccessKind.Role)
        {
            operation["security"] = new JsonArray(new JsonObject { ["entraId"] = new JsonArray() }, new JsonObject { ["apiKey"] = new JsonArray() });
        }

        if (route.HostProvided)
        {
            operation["description"] = "In Azure the Durable Functions extension serves this route itself (system key); the standalone host serves the same shape.";
        }

        return operation;
    }

    private static IEnumerable<int> AccessStatuses(HttpRoute route) =>
        route.Access.Kind != RouteAccessKind.Role ? [] :
        route.IsBrandScoped ? [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable] :
        [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable];

    private static JsonObject Parameter(string name, string location, bool required, string? description)
    {
        var parameter = new JsonObject
        {
            ["name"] = name,
            ["in"] = location,
            ["required"] = required,
            ["schema"] = new JsonObject { ["type"] = "string" },
        };
        if (description is not null)
        {
            parameter["description"] = description;
        }

        return parameter;
    }

    private static JsonObject ProblemDetailsSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "RFC 9457 problem details; type, title and status come from one catalogue, detail says what and where.",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string" },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["traceId"] = new JsonObject { ["type"] = "string" },
        },
    };

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex PathParameter();
}
