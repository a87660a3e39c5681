using ServerlessOps.Domain.Channels.Json;

namespace ServerlessOps.Domain.Channels.TikTokShop;

/// <summary>The TikTok Shop envelope <c>{type, tts_notification_id, shop_id, timestamp, data}</c> (CHANNELS.md 4.1).</summary>
public sealed record TikTokShopNotification(JsonCursor Root)
{
    public static TikTokShopNotification Read(ReadOnlyMemory<byte> body) => new(JsonCursor.Parse(body).ExpectObject());

    public int Type => Root.Property("type").GetInt32();

    public string NotificationId => Root.Property("tts_notification_id").GetId();

    public string ShopId => Root.Property("shop_id").GetId();

    /// <summary>"The time when this webhook is triggered", Unix seconds.</summary>
    public DateTimeOffset? Timestamp => Root.Optional("timestamp")?.GetEpochSeconds();

    public JsonCursor Data => Root.Property("data").ExpectObject();
}
