using System.Net;
using System.Text;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Catalog;

/// <summary>
/// An oversized import over a real socket, to the app as a process: the in-memory test server never resets a connection,
/// Kestrel does. The bad-input drill found an 8 MB catalog file answered by a connection reset instead of a 413, because
/// the app answered before the client had finished sending and closed with the rest unread.
/// </summary>
public sealed class OversizedImportOverSocketTests(FunctionAppFixture fixture)
{
    private const int Limit = 256 * 1024;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CatalogFileOverTheLimit_With_Or_WithoutContentLength_Is413ProblemNotAConnectionReset()
    {
        var settings = fixture.Settings(LocalStackSettings.NewRunId(), overrides: new Dictionary<string, string>
        {
            ["Catalog:MaxImportBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var app = await FunctionAppProcess.StartAsync(settings, Token);
        using var client = new AppClient(new HttpClient { BaseAddress = app.BaseAddress });
        var file = Encoding.UTF8.GetBytes("sku,channel,channelSku\n" + string.Concat(Enumerable.Repeat("ACME-TEE-BLK-M,shopify,TEE\n", 12_000)));
        // Past the limit by a third, as the drill's file was past 8 MiB: the app knows it is refused before it has read it.
        Assert.InRange(file.Length, Limit + 1, Limit * 2);

        using var counted = new ByteArrayContent(file);
        counted.Headers.ContentType = new("text/csv");
        using var chunked = new StreamContent(new NoLengthStream(file));
        chunked.Headers.ContentType = new("text/csv");

        foreach (var content in new HttpContent[] { counted, chunked })
        {
            using var response = await client.Http.PostAsync(new Uri("api/brands/acme/imports/catalog", UriKind.Relative), content, Token);
            await Problem.AssertOfTypeAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "Catalog:MaxImportBytes");
        }
    }

    /// <summary>A body whose length is unknown up front, so HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
