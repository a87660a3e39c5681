using System.Globalization;

namespace ServerlessOps.Domain.Channels.TikTokShop;

/// <summary>TikTok Shop webhook <c>type</c> numbers handled (CHANNELS.md 4.4); the topic is the number as text.</summary>
public static class TikTokShopTopics
{
    public const int OrderStatusChange = 1;
    public const int RecipientAddressUpdate = 3;
    public const int PackageUpdate = 4;
    public const int ProductStatusChange = 5;
    public const int SellerDeauthorization = 6;
    public const int UpcomingAuthorizationExpiration = 7;
    public const int CancellationStatusChange = 11;
    public const int ReturnStatusChange = 12;

    public static IReadOnlyCollection<int> Supported { get; } =
    [
        OrderStatusChange,
        RecipientAddressUpdate,
        PackageUpdate,
        ProductStatusChange,
        SellerDeauthorization,
        UpcomingAuthorizationExpiration,
        CancellationStatusChange,
        ReturnStatusChange,
    ];

    public static bool IsSupported(int type) => Supported.Contains(type);

    public static string ToTopic(int type) => type.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseTopic(string? topic, out int type) =>
        int.TryParse(topic, NumberStyles.None, CultureInfo.InvariantCulture, out type);
}
