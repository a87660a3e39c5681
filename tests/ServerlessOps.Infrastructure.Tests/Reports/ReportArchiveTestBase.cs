using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Reports;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Reports;

/// <summary>
/// The archive and link issuer on a Cosmos database of the class's own and an Azurite blob container of the test's own,
/// built as the app builds them (the Azurite connection string, so links are signed with the account key).
/// </summary>
public abstract class ReportArchiveTestBase(CosmosServerFixture cosmos, AzuriteFixture azurite) : CosmosDatabaseTest(cosmos)
{
    protected AzuriteFixture Azurite { get; } = azurite;

    protected string ContainerName { get; } = $"reports-{Guid.NewGuid():N}"[..30];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));

    protected BlobContainerClient Blobs => new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(ContainerName);

    protected ReportArchive Archive(HttpPipelinePolicy? policy = null)
    {
        var options = new BlobClientOptions();
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        return new ReportArchive(new BlobServiceClient(Azurite.ConnectionString, options), Containers, Options, ReportOptions(), Time, NullLogger<ReportArchive>.Instance);
    }

    protected ReportLinks Links(TimeProvider? time = null) =>
        new(new BlobServiceClient(Azurite.ConnectionString), Containers, Options, ReportOptions(), time ?? Time, NullLogger<ReportLinks>.Instance);

    protected static ReportPublication Publication(MonthlyReport report, string period = "2026-11") =>
        new(report.BrandId, ReportKind.Monthly, period, "finance@acme.example", MonthlyReportFiles.Render(report),
            new Dictionary<string, decimal> { ["revenue"] = report.Pnl[^1].Revenue, ["contribution"] = report.Pnl[^1].Contribution, ["findings"] = report.Findings.Count });

    protected async Task<List<string>> BlobNamesAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in Blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, Token))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private Microsoft.Extensions.Options.IOptions<ReportsOptions> ReportOptions() =>
        Microsoft.Extensions.Options.Options.Create(new ReportsOptions { BlobContainer = ContainerName });
}
