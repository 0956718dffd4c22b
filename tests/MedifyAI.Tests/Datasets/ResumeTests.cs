using MedifyAI.Datasets;
using MedifyAI.Ingestion;
using MedifyAI.Retrieval;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Datasets;

/// <summary>A run interrupted by a host stop continues from its checkpoint when the host starts again.</summary>
/// <remarks>
/// This needs durable grain storage for the <c>datasets</c> name: with memory storage the restarted host has
/// forgotten the run, and the test fails at the first status read.
/// </remarks>
public sealed class ResumeTests
{
    private const int Rows = 5_000;

    [Fact]
    public async Task StoppedRun_ResumesWithExactCounts()
    {
        using var data = new TempDirectory("medifyai-resume");
        var path = Path.Combine(data.Path, "resampled.csv");
        Fixtures.WriteResampledPmc(path, Rows);
        var expectedChunks = await CountChunksAsync(path);
        var ports = FreePorts.Take(4);
        var silo = Path.Combine(data.Path, "silo");
        string runId;
        long readBeforeStop;

        await using (var first = await SiloProcessHost.StartAsync(silo, TestTokens.WithHostSettings(), ports))
        {
            TestTokens.Authorize(first.Http, "operator-1", "operator");
            runId = (await DatasetApiClient.StartAsync(first.Http, "resumable", path, "pmc-patients-csv")).RunId;
            IngestionRun progress;
            do
            {
                await Task.Delay(50);
                progress = (await DatasetApiClient.GetStatusAsync(first.Http, "resumable")).CurrentRun!;
            }
            while (progress.RecordsRead < 1_000 && progress.State == IngestionState.Running);

            Assert.Equal(IngestionState.Running, progress.State);
            readBeforeStop = progress.RecordsRead;
        }

        await using var second = await SiloProcessHost.StartAsync(silo, TestTokens.WithHostSettings(), ports);
        TestTokens.Authorize(second.Http, "operator-1", "operator");
        var finished = await DatasetApiClient.WaitAsync(second.Http, "resumable", TimeSpan.FromMinutes(6));

        Assert.Equal(runId, finished.RunId);
        Assert.Equal(IngestionState.Completed, finished.State);
        Assert.True(finished.Resumes >= 1, "The run should report that it resumed.");
        Assert.True(readBeforeStop < Rows);
        Assert.Equal(Rows, finished.RecordsRead);
        Assert.Equal(Rows, finished.RecordsAccepted);
        Assert.Equal(0, finished.RecordsRejected);
        Assert.Equal(expectedChunks, finished.ChunksIndexed);
        Assert.Equal(expectedChunks, second.Services.GetRequiredService<IVectorIndex>().Count("resumable"));
    }

    private static async Task<long> CountChunksAsync(string path)
    {
        var options = new IngestionOptions();
        var chunker = new TextChunker(options.ChunkWords, options.ChunkOverlapWords);
        long chunks = 0;
        await using var stream = File.OpenRead(path);
        await foreach (var result in new PmcPatientsCsvReader().ReadAsync(stream, CancellationToken.None))
        {
            chunks += chunker.Split(result.Record!.Text).Count;
        }

        return chunks;
    }
}
