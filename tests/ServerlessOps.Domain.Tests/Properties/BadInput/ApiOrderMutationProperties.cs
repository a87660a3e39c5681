using System.Text;
using FsCheck;
using FsCheck.Xunit;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Testing.BadInput;

namespace ServerlessOps.Domain.Tests.Properties.BadInput;

/// <summary>
/// The orders read back from Amazon, Walmart and TikTok Shop's APIs, mutated: mapping gives a whole order or throws
/// <see cref="Channels.ChannelPayloadException"/> naming the document, the field and what was expected; nothing else.
/// </summary>
public sealed class ApiOrderMutationProperties
{
    private const int Cases = 300;

    [Property(MaxTest = Cases)]
    public void AmazonApiOrder_Mutated_IsMappedWholeOrRejectedNamingTheField(int seed, NonNegativeInt part) => Check(FuzzChannel.Amazon, seed, part.Get);

    [Property(MaxTest = Cases)]
    public void WalmartApiOrder_Mutated_IsMappedWholeOrRejectedNamingTheField(int seed) => Check(FuzzChannel.Walmart, seed, 0);

    [Property(MaxTest = Cases)]
    public void TikTokApiOrder_Mutated_IsMappedWholeOrRejectedNamingTheField(int seed) => Check(FuzzChannel.TikTok, seed, 0);

    [Fact]
    public void EveryApiSample_Unmutated_MapsToAWholeOrder()
    {
        // The invariants hold for the real documents, so a violation on a mutant is the mutation's doing.
        foreach (var channel in new[] { FuzzChannel.Amazon, FuzzChannel.Walmart, FuzzChannel.TikTok })
        {
            var order = channel.Adapter.MapApiOrder(channel.ApiDocuments[0](channel.ApiSamples[0]), channel.Account);
            Assert.Empty(ContentInvariants.Violations(order, channel.Account));
        }
    }

    private static void Check(FuzzChannel channel, int seed, int part)
    {
        var index = part % channel.ApiSamples.Count;
        var mutant = PayloadMutator.Mutate(Encoding.UTF8.GetBytes(channel.ApiSamples[index]), seed);
        var document = channel.ApiDocuments[index](Encoding.UTF8.GetString(mutant.Body));
        var context = $"{channel.Channel} API document {index} mutated by {mutant}";

        var mapped = Outcome<Order>.Of(() => channel.Adapter.MapApiOrder(document, channel.Account));

        Assert.True(mapped.Crash is null, $"MapApiOrder threw {mapped.Crash?.GetType().Name} on {context}: {mapped.Crash}");
        if (mapped.Rejection is not null)
        {
            Assert.True(RejectionMessages.NamesWhereAndWhat(mapped.Rejection), $"The rejection does not say where and what on {context}: '{mapped.Rejection}'");
            return;
        }

        var violations = ContentInvariants.Violations(mapped.Value!, channel.Account);
        Assert.True(violations.Count == 0, $"MapApiOrder returned a partial or absurd order on {context}: {string.Join("; ", violations)}");
    }
}
