using MedifyAI.Retrieval;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static MedifyAI.Tests.Retrieval.EmbeddedIndexTestData;

namespace MedifyAI.Tests.Retrieval;

/// <summary>The SQLite + USearch index and the lexical embedder, in process.</summary>
public sealed class EmbeddedVectorIndexTests
{
    [Fact]
    public void LexicalEmbedder_IsDeterministicAndNormalised()
    {
        var first = Embedder.Embed("Fever and productive cough for three days", query: false);
        var second = Embedder.Embed("Fever and productive cough for three days", query: false);

        Assert.Equal(first, second);
        Assert.Equal(2048, first.Length);
        Assert.Equal(1.0, Math.Sqrt(first.Sum(value => (double)value * value)), precision: 4);
        Assert.All(Embedder.Embed("the and of", query: false), value => Assert.Equal(0, value));
    }

    [Fact]
    public void Index_SecondOpenOfDirectoryRejected()
    {
        using var directory = new TempDirectory("medifyai-index");
        using (Open(directory.Path))
        {
            var error = Assert.Throws<IOException>(() => Open(directory.Path));

            Assert.Contains(directory.Path, error.Message, StringComparison.Ordinal);
            Assert.Contains("in use by another process", error.Message, StringComparison.Ordinal);
        }

        // Closing the first index releases the directory.
        using var reopened = Open(directory.Path);
        Assert.Equal(0, reopened.Count());
    }

    [Fact]
    public async Task Index_UpsertSearchDeleteAndReopen()
    {
        using var directory = new TempDirectory("medifyai-index");
        var texts = new Dictionary<string, string>
        {
            ["r1"] = "Crushing chest pain radiating to the left arm with sweating",
            ["r2"] = "Itchy red rash on both forearms after gardening",
            ["r3"] = "Fever with productive cough and pleuritic chest pain",
        };

        using (var index = Open(directory.Path))
        {
            await index.UpsertAsync(Chunks("cases", texts), new IndexCheckpoint("cases", "run-1", 3, "{}"), CancellationToken.None);
            await index.UpsertAsync(Chunks("cases", texts), null, CancellationToken.None);
            await index.UpsertAsync(Chunks("answers", new() { ["a1"] = "Chest pain can come from the heart" }), null, CancellationToken.None);

            Assert.Equal(3, index.Count("cases"));
            Assert.Equal(4, index.Count());
            var hits = index.Search(Embedder.Embed("chest pain down the left arm", query: true), 2, "cases");
            Assert.Equal("r1", hits[0].RecordId);
            Assert.All(hits, hit => Assert.Equal("cases", hit.Dataset));

            Assert.Equal(1, await index.DeleteAsync(["cases/r2#0", "cases/none#0"], CancellationToken.None));
            Assert.Equal(2, index.Count("cases"));
        }

        // Reopen without the graphs having been flushed since the delete: SQLite replays the changes.
        using (var reopened = Open(directory.Path))
        {
            Assert.Equal(2, reopened.Count("cases"));
            var hits = reopened.Search(Embedder.Embed("itchy rash forearms", query: true), 5, "cases");
            Assert.DoesNotContain(hits, hit => hit.RecordId == "r2");
            Assert.Equal(2, hits.Count);
            var checkpoint = await reopened.GetCheckpointAsync("cases", "run-1", CancellationToken.None);
            Assert.Equal(3, checkpoint!.RecordsRead);
            Assert.Null(await reopened.GetCheckpointAsync("cases", "run-2", CancellationToken.None));
            Assert.Equal(3, reopened.DocumentCount);
        }
    }
}
