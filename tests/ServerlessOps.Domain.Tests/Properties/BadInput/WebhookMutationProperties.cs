using FsCheck;
using FsCheck.Xunit;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Testing.BadInput;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Domain.Tests.Properties.BadInput;

/// <summary>
/// Every channel's readers over mutated real deliveries (the samples with fields dropped, duplicated, retyped, huge numbers,
/// wrong dates, negative quantities, truncation, flipped bytes, invalid UTF-8, deep nesting), signed as the channel would so
/// the mutation reaches the readers behind the signature. The edge's calls (account, authentication, envelope) never throw:
/// they answer a rejection. Interpreting never throws anything but <see cref="ChannelPayloadException"/> naming where and what,
/// and what it returns is whole (<see cref="ContentInvariants"/>). Seeds are FsCheck's; a failure prints the mutation.
/// </summary>
public sealed class WebhookMutationProperties
{
    private const int Cases = 300;

    [Property(MaxTest = Cases)]
    public void Shopify_MutatedDelivery_IsReadOrRejectedNeverCrashes(int seed, NonNegativeInt sample) => Check(FuzzChannel.Shopify, seed, sample.Get);

    [Property(MaxTest = Cases)]
    public void Amazon_MutatedDelivery_IsReadOrRejectedNeverCrashes(int seed, NonNegativeInt sample) => Check(FuzzChannel.Amazon, seed, sample.Get);

    [Property(MaxTest = Cases)]
    public void Walmart_MutatedDelivery_IsReadOrRejectedNeverCrashes(int seed, NonNegativeInt sample) => Check(FuzzChannel.Walmart, seed, sample.Get);

    [Property(MaxTest = Cases)]
    public void TikTok_MutatedDelivery_IsReadOrRejectedNeverCrashes(int seed, NonNegativeInt sample) => Check(FuzzChannel.TikTok, seed, sample.Get);

    [Theory]
    [InlineData(MutationKind.DeepNesting)]
    [InlineData(MutationKind.DuplicateKey)]
    [InlineData(MutationKind.InvalidUtf8)]
    [InlineData(MutationKind.HugeNumber)]
    [InlineData(MutationKind.NegativeNumber)]
    [InlineData(MutationKind.OddUnicode)]
    public void EveryChannel_EachMutationKindOnEverySample_IsReadOrRejectedNeverCrashes(MutationKind kind)
    {
        // The random properties pick kinds by chance; here every sample of every channel meets each hostile kind many times.
        foreach (var channel in FuzzChannel.All)
        {
            for (var sample = 0; sample < channel.Deliveries.Count; sample++)
            {
                for (var seed = 0; seed < 40; seed++)
                {
                    var (file, topic) = channel.Deliveries[sample];
                    var mutant = PayloadMutator.Apply(ChannelSamples.Bytes(file), [kind], new Random(seed));
                    CheckMutant(channel, mutant, topic, file);
                }
            }
        }
    }

    private static void Check(FuzzChannel channel, int seed, int sample)
    {
        var (file, topic) = channel.Deliveries[sample % channel.Deliveries.Count];
        CheckMutant(channel, PayloadMutator.Mutate(ChannelSamples.Bytes(file), seed), topic, file);
    }

    internal static void CheckMutant(FuzzChannel channel, Mutant mutant, string? topic, string file)
    {
        var request = channel.Signed(mutant.Body, topic);
        var context = $"{channel.Channel} {file} mutated by {mutant}";

        var account = Outcome<ChannelResult<string>>.Of(() => channel.Adapter.LocateAccount(request));
        Assert.True(account.Crash is null && account.Rejection is null, $"LocateAccount threw on {context}: {account.Crash ?? (object?)account.Rejection}");
        if (!account.Value.IsSuccess)
        {
            AssertRejection(account.Value.Rejection, context);
            return;
        }

        var authenticated = Outcome<bool>.Of(() => channel.Adapter.Authenticate(request, channel.Credentials));
        Assert.True(authenticated.Crash is null && authenticated.Rejection is null, $"Authenticate threw on {context}: {authenticated.Crash ?? (object?)authenticated.Rejection}");

        var envelope = Outcome<ChannelResult<DeliveryEnvelope>>.Of(() => channel.Adapter.ReadEnvelope(request));
        Assert.True(envelope.Crash is null && envelope.Rejection is null, $"ReadEnvelope threw on {context}: {envelope.Crash ?? (object?)envelope.Rejection}");
        if (!envelope.Value.IsSuccess)
        {
            AssertRejection(envelope.Value.Rejection, context);
            return;
        }

        var read = envelope.Value.Value;
        Assert.False(string.IsNullOrWhiteSpace(read.DeliveryId), $"ReadEnvelope gave a blank delivery id on {context}");
        Assert.False(string.IsNullOrWhiteSpace(read.Topic), $"ReadEnvelope gave a blank topic on {context}");
        _ = DeliveryKey.For(channel.Channel, account.Value.Value, read.DeliveryId);

        var content = Outcome<DeliveryContent>.Of(() => channel.Adapter.Interpret(read, request.Headers, request.Body, channel.Account, "fuzz-key"));
        Assert.True(content.Crash is null, $"Interpret threw {content.Crash?.GetType().Name} on {context}: {content.Crash}");
        if (content.Rejection is not null)
        {
            Assert.True(RejectionMessages.NamesWhereAndWhat(content.Rejection), $"Interpret's rejection does not say where and what on {context}: '{content.Rejection}'");
            return;
        }

        var violations = ContentInvariants.Violations(content.Value!, channel.Account);
        Assert.True(violations.Count == 0, $"Interpret returned a partial or absurd {content.Value!.GetType().Name} on {context}: {string.Join("; ", violations)}");
    }

    private static void AssertRejection(WebhookRejection rejection, string context)
    {
        Assert.False(string.IsNullOrWhiteSpace(rejection.Detail), $"A rejection without a detail on {context}");
        Assert.DoesNotContain("Exception", rejection.Detail, StringComparison.Ordinal);
        Assert.True(rejection.Detail.Length <= 2_000, $"A rejection detail of {rejection.Detail.Length} characters (echoing the payload?) on {context}");
    }
}
