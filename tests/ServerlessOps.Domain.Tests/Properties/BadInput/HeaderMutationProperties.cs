using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Walmart;
using ServerlessOps.Testing.BadInput;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Domain.Tests.Properties.BadInput;

/// <summary>
/// Signature and credential checks under hostile headers and bodies: a header removed, blanked, repeated, oversized,
/// carrying CR/LF (header injection), control or non-ASCII characters, or one character changed never makes a reader
/// throw, and a changed credential or signature never authenticates; a body changed after signing never verifies; a
/// Walmart <c>WM_SEC.TIMESTAMP</c> outside its window is refused, whatever text it holds.
/// </summary>
public sealed class HeaderMutationProperties
{
    private static readonly HeaderMutation[] _mutations = Enum.GetValues<HeaderMutation>();

    [Property(MaxTest = 400)]
    public void AnyChannel_MutatedHeader_NeverThrowsAndAChangedCredentialNeverAuthenticates(int seed, NonNegativeInt channelIndex, NonNegativeInt mutationIndex, bool credentialHeader)
    {
        var channel = FuzzChannel.All[channelIndex.Get % FuzzChannel.All.Count];
        var (file, topic) = channel.Deliveries[0];
        var random = new Random(seed);
        var signed = channel.Signed(ChannelSamples.Bytes(file), topic);
        var name = credentialHeader ? CredentialHeader(channel.Channel) : signed.Headers.Keys.ElementAt(random.Next(signed.Headers.Count));
        var mutation = _mutations[mutationIndex.Get % _mutations.Length];
        var headers = HeaderMutator.Apply(signed.Headers, name, mutation, random, out var changed);
        var request = signed with { Headers = headers };
        var context = $"{channel.Channel} header {name} {mutation}";

        var account = Outcome<ChannelResult<string>>.Of(() => channel.Adapter.LocateAccount(request));
        var authenticated = Outcome<bool>.Of(() => channel.Adapter.Authenticate(request, channel.Credentials));
        var envelope = Outcome<ChannelResult<DeliveryEnvelope>>.Of(() => channel.Adapter.ReadEnvelope(request));

        Assert.True(account.Crash is null && account.Rejection is null, $"LocateAccount threw on {context}: {account.Crash ?? (object?)account.Rejection}");
        Assert.True(authenticated.Crash is null && authenticated.Rejection is null, $"Authenticate threw on {context}: {authenticated.Crash ?? (object?)authenticated.Rejection}");
        Assert.True(envelope.Crash is null && envelope.Rejection is null, $"ReadEnvelope threw on {context}: {envelope.Crash ?? (object?)envelope.Rejection}");
        if (name.Equals(CredentialHeader(channel.Channel), StringComparison.OrdinalIgnoreCase) && changed)
        {
            Assert.False(authenticated.Value, $"A changed credential authenticated: {context}");
        }
    }

    [Property(MaxTest = 300)]
    public void SignedChannels_BodyMutatedAfterSigning_NeverVerifies(int seed, NonNegativeInt channelIndex)
    {
        // Shopify and TikTok Shop sign the body itself (Amazon's API destination and Walmart's header secret do not).
        var channel = channelIndex.Get % 2 == 0 ? FuzzChannel.Shopify : FuzzChannel.TikTok;
        var (file, topic) = channel.Deliveries[0];
        var original = ChannelSamples.Bytes(file);
        var signed = channel.Signed(original, topic);
        var mutant = PayloadMutator.Mutate(original, seed);
        var tampered = signed with { Body = mutant.Body };

        var authenticated = Outcome<bool>.Of(() => channel.Adapter.Authenticate(tampered, channel.Credentials));

        Assert.True(authenticated.Crash is null && authenticated.Rejection is null, $"Authenticate threw on {channel.Channel} {mutant}: {authenticated.Crash}");
        Assert.Equal(original.AsSpan().SequenceEqual(mutant.Body), authenticated.Value);
    }

    [Property(MaxTest = 300)]
    public void WalmartSignedTimestamp_AnySkew_IsAcceptedOnlyWithinTheWindow(long skewSeconds)
    {
        var now = new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);
        var skew = skewSeconds % 100_000_000_000L;
        var signedAt = now.ToUnixTimeSeconds() + skew;
        var request = WalmartSigned(signedAt.ToString(CultureInfo.InvariantCulture));

        var within = Outcome<bool>.Of(() => WalmartWebhookChannel.IsWithinReplayWindow(request, now, WalmartSignature.DefaultReplayWindow));

        Assert.True(within.Crash is null && within.Rejection is null, $"The replay check threw for skew {skew}: {within.Crash}");
        Assert.Equal(Math.Abs(skew) <= 300, within.Value);
        Assert.True(WebhookChannels.Walmart.Authenticate(request, WalmartSignatureCredentials), "The signature itself is valid; only the window refuses it.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-1")]
    [InlineData("1795201540.5")]
    [InlineData("99999999999999999999999")]
    [InlineData("1795201540\r\nX-Injected: 1")]
    [InlineData("0x6B0D3C84")]
    [InlineData("1795201540, 1795201540")]
    [InlineData("253402300800")]
    public void WalmartSignedTimestamp_NotUnixSeconds_IsRefusedWithoutThrowing(string timestamp)
    {
        var now = new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.Zero);
        var request = WalmartSigned(timestamp);

        Assert.False(WalmartWebhookChannel.IsWithinReplayWindow(request, now, WalmartSignature.DefaultReplayWindow));
    }

    private static readonly ChannelCredentials WalmartSignatureCredentials = new([ScenarioAccounts.Default.WalmartSecret], AuthMethod: WalmartAuthMethods.Signature);

    private static WebhookRequest WalmartSigned(string timestamp)
    {
        var body = ChannelSamples.Bytes("walmart-po-created.json");
        var path = $"{WebhookSigner.WalmartPath}?account={ScenarioAccounts.Default.WalmartPartnerId}";
        var signature = WalmartSignature.Compute("POST", path, timestamp, body, ScenarioAccounts.Default.WalmartSecret);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [WalmartSignature.TimestampHeader] = timestamp,
            [WalmartSignature.SignatureHeader] = signature,
        };
        return new WebhookRequest("POST", path, headers, body);
    }

    private static string CredentialHeader(SalesChannel channel) => channel switch
    {
        SalesChannel.Shopify => "X-Shopify-Hmac-Sha256",
        SalesChannel.Amazon => ScenarioAccounts.Default.AmazonCredentialHeader,
        SalesChannel.Walmart => ScenarioAccounts.Default.WalmartCredentialHeader,
        _ => "Authorization",
    };
}
