using MedifyAI.Datasets;
using MedifyAI.Tests.Datasets;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Ingestion;

/// <summary>Ingestion of local files through the API, with exact counts.</summary>
public sealed class FileIngestionTests(IngestionHostFixture fixture) : IClassFixture<IngestionHostFixture>
{
    [Fact]
    public async Task PmcSlice_IngestsEveryRowAndRerunChangesNothing()
    {
        var first = await DatasetApiClient.IngestAsync(fixture.Http, "pmc-slice", Fixtures.PmcSlice, "pmc-patients-csv");

        Assert.Equal(IngestionState.Completed, first.State);
        Assert.Equal(1000, first.RecordsRead);
        Assert.Equal(1000, first.RecordsAccepted);
        Assert.Equal(0, first.RecordsRejected);
        Assert.Empty(first.RejectionsByReason);
        var length = new FileInfo(Fixtures.PmcSlice).Length;
        Assert.Equal(length, first.BytesTotal);
        Assert.Equal(length, first.BytesRead);
        Assert.True(first.ChunksIndexed > 1000, $"Expected several chunks per long record, got {first.ChunksIndexed}.");
        Assert.Equal(first.ChunksIndexed, first.ChunksEmbedded);
        Assert.Equal(first.ChunksIndexed, fixture.Index.Count("pmc-slice"));
        Assert.NotNull(first.FinishedAt);
        Assert.Null(first.LastError);

        var second = await DatasetApiClient.IngestAsync(fixture.Http, "pmc-slice", Fixtures.PmcSlice, "pmc-patients-csv");

        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(IngestionState.Completed, second.State);
        Assert.Equal(first.RecordsAccepted, second.RecordsAccepted);
        Assert.Equal(first.ChunksIndexed, second.ChunksIndexed);
        Assert.Equal(first.ChunksIndexed, fixture.Index.Count("pmc-slice"));

        var status = await DatasetApiClient.GetStatusAsync(fixture.Http, "pmc-slice");
        Assert.Equal(second.RunId, status.CurrentRun!.RunId);
        Assert.Equal(first.RunId, Assert.Single(status.PastRuns).RunId);
    }

    [Fact]
    public async Task MedquadSample_RejectsRepeatedQids()
    {
        var run = await DatasetApiClient.IngestAsync(fixture.Http, "medquad-sample", Fixtures.MedquadSample, "medquad-jsonl");

        Assert.Equal(IngestionState.Completed, run.State);
        Assert.Equal(2051, run.RecordsRead);
        Assert.Equal(1958, run.RecordsAccepted);
        Assert.Equal(93, run.RecordsRejected);
        Assert.Equal(93, run.RejectionsByReason[RejectionReasons.DuplicateId]);
        Assert.Single(run.RejectionsByReason);
        Assert.Equal(run.ChunksIndexed, fixture.Index.Count("medquad-sample"));
    }

    [Fact]
    public async Task MalformedCsv_CountsEachReason()
    {
        var run = await DatasetApiClient.IngestAsync(
            fixture.Http, "malformed-csv", Fixtures.PathOf("pmc-patients-malformed.csv"), "pmc-patients-csv");

        Assert.Equal(IngestionState.Completed, run.State);
        Assert.Equal(9, run.RecordsRead);
        Assert.Equal(2, run.RecordsAccepted);
        Assert.Equal(7, run.RecordsRejected);
        Assert.Equal(1, run.RejectionsByReason[RejectionReasons.EmptyText]);
        Assert.Equal(2, run.RejectionsByReason[RejectionReasons.InvalidAge]);
        Assert.Equal(1, run.RejectionsByReason[RejectionReasons.DuplicateId]);
        Assert.Equal(1, run.RejectionsByReason[RejectionReasons.MissingColumns]);
        Assert.Equal(1, run.RejectionsByReason[RejectionReasons.MissingId]);
        Assert.Equal(1, run.RejectionsByReason[RejectionReasons.UnparseableRow]);
        Assert.Contains(new RejectionSample(5, RejectionReasons.DuplicateId), run.RejectionSamples);
        Assert.Contains(new RejectionSample(6, RejectionReasons.MissingColumns), run.RejectionSamples);
        Assert.Equal(7, run.RejectionSamples.Count);
    }

    [Fact]
    public async Task TruncatedCsv_CountsLastRowAndFinishes()
    {
        var run = await DatasetApiClient.IngestAsync(
            fixture.Http, "truncated-csv", Fixtures.PathOf("pmc-patients-truncated.csv"), "pmc-patients-csv");

        Assert.Equal(IngestionState.Completed, run.State);
        Assert.Equal(3, run.RecordsRead);
        Assert.Equal(2, run.RecordsAccepted);
        Assert.Equal(1, run.RecordsRejected);
        // The unclosed quote swallows the rest of the file, so the cut row is unparseable, not short of columns.
        Assert.Equal(new RejectionSample(3, RejectionReasons.UnparseableRow), Assert.Single(run.RejectionSamples));
    }

    [Fact]
    public async Task MalformedJsonLines_CountsEachReason()
    {
        var run = await DatasetApiClient.IngestAsync(
            fixture.Http, "generic-lines", Fixtures.PathOf("generic-malformed.jsonl"), "json-lines");

        Assert.Equal(IngestionState.Completed, run.State);
        Assert.Equal(7, run.RecordsRead);
        Assert.Equal(2, run.RecordsAccepted);
        Assert.Equal(1, run.RejectionsByReason[RejectionReasons.EmptyText]);
        Assert.Equal(1, run.RejectionsByReason[RejectionReasons.MissingId]);
        Assert.Equal(1, run.RejectionsByReason[RejectionReasons.DuplicateId]);
        Assert.Equal(2, run.RejectionsByReason[RejectionReasons.UnparseableRow]);
        Assert.Equal(2, fixture.Index.Count("generic-lines"));
    }
}
