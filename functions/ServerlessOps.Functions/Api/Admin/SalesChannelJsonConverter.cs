using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>Reads a channel as its route slug (<c>tiktok</c>) or member name (<c>TikTokShop</c>), any case; writes the member name.</summary>
internal sealed class SalesChannelJsonConverter : JsonConverter<SalesChannel>
{
    public override SalesChannel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.TokenType == JsonTokenType.String ? reader.GetString() : null);

    public override void Write(Utf8JsonWriter writer, SalesChannel value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }

    public override SalesChannel ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, SalesChannel value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }

    private static SalesChannel Parse(string? text)
    {
        if (SalesChannelNames.TryParseSlug(text, out var channel) || Enum.TryParse(text, ignoreCase: true, out channel) && Enum.IsDefined(channel) && !int.TryParse(text, out _))
        {
            return channel;
        }

        throw new JsonException($"'{text}' is not a channel; expected one of shopify, amazon, walmart, tiktok.");
    }
}
