using MedifyAI.Retrieval;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static MedifyAI.Tests.Retrieval.EmbeddedIndexTestData;

namespace MedifyAI.Tests.Retrieval;

/// <summary>Reciprocal rank fusion, the embedded index's BM25 search, and the retriever that fuses the two.</summary>
public sealed class RankFusionTests
{
    private static readonly Dictionary<string, string> Cases = new()
    {
        ["r1"] = "Crushing chest pain radiating to the left arm with sweating",
        ["r2"] = "Itchy red rash on both forearms after gardening",
        ["r3"] = "Fever with productive cough and pleuritic chest pain",
        ["r4"] = "Migraines with aura, worse with bright lights",
    };

    [Fact]
    public void Fuse_SumsReciprocalRanksAcrossRankings()
    {
        var vector = new[] { Match("a", 0.9), Match("b", 0.8), Match("c", 0.7) };
        var text = new[] { Match("c", 12), Match("a", 9), Match("d", 3) };

        var fused = ReciprocalRankFusion.Fuse([vector, text], rankConstant: 60, k: 10);

        Assert.Equal(["a", "c", "b", "d"], fused.Select(m => m.ChunkId).ToArray());
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal((1.0 / 63) + (1.0 / 61), fused[1].Score, 12);
        Assert.Equal(1.0 / 62, fused[2].Score, 12);
        Assert.Equal(1.0 / 63, fused[3].Score, 12);
    }

    [Fact]
    public void Fuse_RepeatsTiesAndCutoff()
    {
        var first = new[] { Match("x", 1), Match("x", 1), Match("y", 1) };
        var second = new[] { Match("y", 1), Match("x", 1) };

        var fused = ReciprocalRankFusion.Fuse([first, second], rankConstant: 1, k: 1);
        var tied = ReciprocalRankFusion.Fuse([[Match("p", 1)], [Match("q", 1)]], rankConstant: 60, k: 5);

        // x: 1/2 + 1/3 and y: 1/3 + 1/2 tie; x appeared first.
        Assert.Equal("x", Assert.Single(fused).ChunkId);
        Assert.Equal((1.0 / 2) + (1.0 / 3), fused[0].Score, 12);
        Assert.Equal(["p", "q"], tied.Select(m => m.ChunkId).ToArray());
        Assert.Empty(ReciprocalRankFusion.Fuse([[], []], 60, 3));
    }

    [Fact]
    public async Task TextSearch_FollowsUpdatesAndDeletes()
    {
        using var directory = new TempDirectory("medifyai-fts");
        using var index = Open(directory.Path);
        await index.UpsertAsync(Chunks("cases", Cases), null, CancellationToken.None);
        await index.UpsertAsync(Chunks("answers", new() { ["a1"] = "Chest pain can come from the heart or the lungs" }), null, CancellationToken.None);

        var all = await index.SearchTextAsync("pleuritic chest pains", 10, null, includeText: true, CancellationToken.None);
        var cases = await index.SearchTextAsync("chest", 10, "cases", includeText: false, CancellationToken.None);

        Assert.Equal("r3", all[0].RecordId);
        Assert.Equal(Cases["r3"], all[0].Text);
        Assert.Contains(all, match => match.RecordId == "a1");
        Assert.Equal(["r1", "r3"], cases.Select(m => m.RecordId).Order().ToArray());
        Assert.All(cases, match => Assert.Equal(string.Empty, match.Text));

        // The triggers keep the text table in step with the chunks, inside the same transactions.
        await index.UpsertAsync(Chunks("cases", new() { ["r1"] = "Sprained ankle playing football" }), null, CancellationToken.None);
        await index.DeleteAsync(["cases/r3#0"], CancellationToken.None);
        Assert.Empty(await index.SearchTextAsync("chest", 10, "cases", includeText: false, CancellationToken.None));
        Assert.Equal("r1", (await index.SearchTextAsync("ankle", 10, null, includeText: false, CancellationToken.None))[0].RecordId);
    }

    [Theory]
    [InlineData("chest\" OR \"NEAR(pain")]
    [InlineData("AND OR NOT * ^ : -chest")]
    [InlineData("((((")]
    [InlineData("")]
    [InlineData("the and of")]
    public async Task TextSearch_IgnoresQuerySyntax(string query)
    {
        using var directory = new TempDirectory("medifyai-fts");
        using var index = Open(directory.Path);
        await index.UpsertAsync(Chunks("cases", Cases), null, CancellationToken.None);

        var matches = await index.SearchTextAsync(query, 10, null, includeText: false, CancellationToken.None);

        Assert.All(matches, match => Assert.Contains(match.RecordId, new[] { "r1", "r3" }));
        Assert.Equal(query.Contains("chest", StringComparison.Ordinal), matches.Count > 0);
    }

    [Fact]
    public async Task TextSearch_OldIndexFilledOnOpen()
    {
        using var directory = new TempDirectory("medifyai-fts");
        using (var index = Open(directory.Path))
        {
            await index.UpsertAsync(Chunks("cases", Cases), null, CancellationToken.None);
        }

        // Make the file look like one written by the previous version, which had no text table.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "index.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TRIGGER chunks_text_insert; DROP TRIGGER chunks_text_delete; DROP TRIGGER chunks_text_update;
                DROP TABLE chunks_text;
                """;
            command.ExecuteNonQuery();
        }

        using var reopened = Open(directory.Path);
        var matches = await reopened.SearchTextAsync("migraines aura", 10, null, includeText: false, CancellationToken.None);

        Assert.Equal("r4", Assert.Single(matches).RecordId);
    }

    [Fact]
    public async Task TextSearch_SkipsWordsInMostChunks()
    {
        using var directory = new TempDirectory("medifyai-fts");
        using var index = Open(directory.Path);
        var texts = Enumerable.Range(0, 1_200).ToDictionary(i => $"p{i}", i => $"patient number {i}");
        texts["m"] = "patient with migraine";
        await index.UpsertAsync(Chunks("cases", texts), null, CancellationToken.None);

        var both = await index.SearchTextAsync("patient migraine", 5, null, includeText: false, CancellationToken.None);
        var commonOnly = await index.SearchTextAsync("patient", 5, null, includeText: false, CancellationToken.None);

        // "patient" is in every chunk, so only "migraine" is scanned; alone, the common word still finds chunks.
        Assert.Equal("m", Assert.Single(both).RecordId);
        Assert.Equal(5, commonOnly.Count);
    }

    [Fact]
    public async Task Retriever_FusionScoresBothRankings()
    {
        using var directory = new TempDirectory("medifyai-fts");
        using var index = Open(directory.Path);
        await index.UpsertAsync(Chunks("cases", Cases), null, CancellationToken.None);
        var plain = new KnowledgeRetriever(Embedder, index, Options.Create(new RetrievalOptions()));
        var fused = new KnowledgeRetriever(
            Embedder, index, Options.Create(new RetrievalOptions { Fusion = RetrievalFusion.ReciprocalRank }));

        var plainPassages = await plain.SearchAsync("left arm chest pain", 2, "cases", CancellationToken.None);
        var fusedPassages = await fused.SearchAsync("left arm chest pain", 2, "cases", CancellationToken.None);
        var references = await fused.FindReferencesAsync("left arm chest pain", 3, CancellationToken.None);

        Assert.Equal("r1", plainPassages[0].Reference.RecordId);
        Assert.Equal("r1", fusedPassages[0].Reference.RecordId);
        Assert.Equal(Cases["r1"], fusedPassages[0].Text);

        // r1 leads both rankings: 2 / 61 after rounding to four places.
        Assert.Equal(Math.Round(2.0 / 61, 4), fusedPassages[0].Reference.Score);
        Assert.True(plainPassages[0].Reference.Score > 2.0 / 61);
        Assert.Equal("r1", references[0].RecordId);
        Assert.DoesNotContain(references, reference => reference.RecordId is "r2" or "r4");
    }

    [Fact]
    public void Retriever_FusionNeedsTextSearch()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new KnowledgeRetriever(
            Embedder,
            new VectorOnlyIndex(),
            Options.Create(new RetrievalOptions { Fusion = RetrievalFusion.ReciprocalRank })));

        Assert.Contains("MedifyAI:Retrieval:Fusion", error.Message, StringComparison.Ordinal);
    }

    private static VectorMatch Match(string chunkId, double score) =>
        new(chunkId, "cases", chunkId, ReferenceKind.PatientCase, null, null, null, null, string.Empty, score);

    /// <summary>An index with vector search only, as a third-party store might be.</summary>
    private sealed class VectorOnlyIndex : IVectorIndex
    {
        public Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, IndexCheckpoint? checkpoint, CancellationToken cancellationToken) =>
            Task.CompletedTask;

        public Task<int> DeleteAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task<IReadOnlyList<VectorMatch>> SearchAsync(
            ReadOnlyMemory<float> query, int k, string? dataset, bool includeText, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<VectorMatch>>([]);

        public long Count(string? dataset = null) => 0;

        public Task<long> CountAsync(string? dataset, CancellationToken cancellationToken) => Task.FromResult(0L);

        public Task<IndexCheckpoint?> GetCheckpointAsync(string dataset, string runId, CancellationToken cancellationToken) =>
            Task.FromResult<IndexCheckpoint?>(null);

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public IAsyncEnumerable<IndexedChunk> ReadDatasetAsync(string dataset, CancellationToken cancellationToken) =>
            AsyncEnumerable.Empty<IndexedChunk>();
    }
}
