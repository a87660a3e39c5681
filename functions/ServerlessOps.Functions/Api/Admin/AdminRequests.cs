using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>
/// What the admin routes share: reading a JSON body into a request type with the failing field named, answering
/// validation errors field by field, and the ETag rules (<c>ETag</c> on every answer, <c>If-Match</c> required to change
/// what exists: 428 without it, 412 when it is not the stored version).
/// </summary>
internal static partial class AdminRequests
{
    /// <summary>Largest admin request body accepted; a brand with every owner and policy field is a few kilobytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions _json = CreateJson();

    /// <summary>The body as <typeparamref name="T"/>, or a problem naming what is wrong and where.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpCall http, CancellationToken cancellationToken)
        where T : class
    {
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Problems.Result(Problems.BodyTooLarge, $"Admin request bodies are limited to {MaxBodyBytes} bytes."));
        }

        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Result(Problems.UnsupportedMediaType, $"Send 'application/json'; received '{type}'."));
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            return (null, Problems.Result(Problems.BodyTooLarge, $"Admin request bodies are limited to {MaxBodyBytes} bytes."));
        }

        if (buffer.Length == 0)
        {
            return (null, Invalid([new FieldError(string.Empty, "The body is empty; a JSON object is expected.")]));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), _json);
            return value is null
                ? (null, Invalid([new FieldError(string.Empty, "The body is null; a JSON object is expected.")]))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid([new FieldError(Field(e), Describe(e))]));
        }
    }

    /// <summary>400 with every field error: <c>detail</c> lists them, <c>errors</c> holds them as {field, message}.</summary>
    public static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        Problems.Result(
            Problems.InvalidBody,
            string.Join(" ", errors.Select(e => string.IsNullOrEmpty(e.Field) ? e.Message : $"{e.Field}: {e.Message}")),
            new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToArray() });

    /// <summary>
    /// Null when the request may change <paramref name="currentETag"/>'s version: it names it in <c>If-Match</c> (or
    /// <c>*</c>). Otherwise 428 (no If-Match) or 412 (another version).
    /// </summary>
    public static IResult? CheckIfMatch(HttpCall http, string currentETag, string what)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return Problems.Result(Problems.PreconditionRequired, $"Changing {what} needs an If-Match header with the ETag it was read at (GET it first).");
        }

        var wanted = Bare(currentETag);
        return ifMatch.Split(',').Select(Bare).Any(tag => tag == "*" || tag == wanted)
            ? null
            : PreconditionFailed(what);
    }

    public static IResult PreconditionFailed(string what) =>
        Problems.Result(Problems.PreconditionFailed, $"{what} changed since it was read (If-Match does not name its current ETag): read it again and reapply the change.");

    /// <summary>Sets the ETag header (quoted, as HTTP wants it) and returns the body's ETag.</summary>
    public static string SetETag(HttpCall http, string etag)
    {
        var bare = Bare(etag);
        http.Context.Response.Headers.ETag = $"\"{bare}\"";
        return bare;
    }

    /// <summary>An ETag without W/ and quotes: Cosmos DB quotes its ETags, the local emulator does not.</summary>
    public static string Bare(string etag) => etag.Trim().Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"');

    /// <summary>The failing field as the API names it: the serializer's path without <c>$.</c>, plus the unknown member's name.</summary>
    private static string Field(JsonException e)
    {
        var path = string.IsNullOrEmpty(e.Path) ? string.Empty : e.Path.TrimStart('$').TrimStart('.');
        var unknown = UnmappedMember().Match(e.InnerException?.Message ?? e.Message);
        if (!unknown.Success || path.EndsWith(unknown.Groups[1].Value, StringComparison.Ordinal))
        {
            return path;
        }

        return path.Length == 0 ? unknown.Groups[1].Value : $"{path}.{unknown.Groups[1].Value}";
    }

    private static string Describe(JsonException e)
    {
        // The serializer's own message names .NET types; say what the API expects instead, keeping converter messages.
        var message = e.InnerException?.Message ?? e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "Unknown field: it is not part of this request (field names are camelCase, as the OpenAPI document gives them).";
        }

        return message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("The JSON value", StringComparison.Ordinal)
            ? "This value has the wrong type or format (see the OpenAPI document for the field's shape)."
            : message;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new SalesChannelJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [System.Text.RegularExpressions.GeneratedRegex("property '([^']+)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnmappedMember();
}
