using ServerlessOps.Durable.Execution;

namespace ServerlessOps.Durable.Tests.Execution;

/// <summary>Name-based UUID v5 as RFC 4122 defines it.</summary>
public sealed class DeterministicGuidTests
{
    [Fact]
    public void Create_KnownVector_MatchesRfc4122Version5()
    {
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        var guid = DeterministicGuid.Create(dns, "python.org");

        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), guid);
    }
}
