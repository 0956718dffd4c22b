using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using MedifyAI.Benchmarks.Commands;
using MedifyAI.Ingestion;
using MedifyAI.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedifyAI.Benchmarks.Retrieval;

/// <summary>
/// Retrieval quality on the PMC-Patients slice's patient-to-patient task (the built-in lexical embedder with the
/// HNSW index, the index's FTS5 BM25, their reciprocal rank fusion, and a Lucene BM25 baseline) and search latency
/// at a given number of chunks.
/// </summary>
internal sealed class RetrievalBenchmarkCommand : IBenchmarkCommand
{
    private const int TopK = 10;

    private static readonly LexicalEmbeddingOptions Embedding = new();
    private static readonly VectorIndexOptions IndexSettings = new();

    public string Name => "retrieval";

    public string Description =>
        "PMC-Patients patient-to-patient MRR@10 and recall@10 (vector, BM25 and their fusion), then search latency. "
        + "Options: --csv PATH, --chunks N (100000), --queries N (2000), --dimensions N (2048), "
        + "--quantization Int8|Float16|Float32 (Int8), --text-terms N (64), --common-share F (0.01), --quality-only.";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var csvPath = Option(args, "--csv") ?? PmcSlice.DefaultPath;
        var chunkCount = int.Parse(Option(args, "--chunks") ?? "100000", System.Globalization.CultureInfo.InvariantCulture);
        var queryCount = int.Parse(Option(args, "--queries") ?? "2000", System.Globalization.CultureInfo.InvariantCulture);

        Embedding.Dimensions = int.Parse(Option(args, "--dimensions") ?? "2048", System.Globalization.CultureInfo.InvariantCulture);
        IndexSettings.Quantization = Enum.Parse<Cloud.Unum.USearch.ScalarKind>(Option(args, "--quantization") ?? "Int8");
        IndexSettings.TextSearchTerms = int.Parse(
            Option(args, "--text-terms") ?? IndexSettings.TextSearchTerms.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.CultureInfo.InvariantCulture);
        IndexSettings.CommonTermShare = double.Parse(
            Option(args, "--common-share") ?? IndexSettings.CommonTermShare.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.CultureInfo.InvariantCulture);
        var skipLatency = args.Contains("--quality-only");

        var slice = PmcSlice.Read(csvPath);
        var directory = Path.Combine(Path.GetTempPath(), $"medifyai-retrieval-{Guid.NewGuid():N}");
        try
        {
            await MeasureQualityAsync(slice, Path.Combine(directory, "quality"), cancellationToken);
            if (!skipLatency)
            {
                await MeasureLatencyAsync(slice, Path.Combine(directory, "latency"), chunkCount, queryCount, cancellationToken);
            }
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    private static async Task MeasureQualityAsync(PmcSlice slice, string directory, CancellationToken cancellationToken)
    {
        using var index = OpenIndex(directory);
        var embedder = new LexicalEmbeddingGenerator(Options.Create(Embedding), index);
        var chunker = new TextChunker(new IngestionOptions().ChunkWords, new IngestionOptions().ChunkOverlapWords);

        var texts = slice.Rows.ToDictionary(
            row => slice.Column(row, "patient_uid"),
            row => TextNormalizer.NormalizeWhitespace(slice.Column(row, "patient")));

        var chunks = new List<IndexedChunk>();
        foreach (var (id, text) in texts)
        {
            var pieces = chunker.Split(text);
            for (var i = 0; i < pieces.Count; i++)
            {
                chunks.Add(new IndexedChunk
                {
                    ChunkId = TextChunker.ChunkId("pmc", id, i),
                    Dataset = "pmc",
                    RecordId = id,
                    Kind = ReferenceKind.PatientCase,
                    Text = pieces[i],
                    Vector = embedder.Embed(pieces[i], query: false),
                });
            }
        }

        foreach (var batch in chunks.Chunk(256))
        {
            await index.UpsertAsync(batch, null, cancellationToken);
        }

        using var bm25 = new Bm25Baseline(texts);
        var fusedRetriever = new KnowledgeRetriever(
            embedder, index, Options.Create(new RetrievalOptions { Fusion = RetrievalFusion.ReciprocalRank }));
        var ours = new RankingScores();
        var baseline = new RankingScores();
        var fts = new RankingScores();
        var fused = new RankingScores();
        foreach (var row in slice.Rows)
        {
            var id = slice.Column(row, "patient_uid");
            var relevant = PmcSlice.SimilarIds(slice.Column(row, "similar_patients"))
                .Where(similar => similar != id && texts.ContainsKey(similar))
                .ToHashSet();
            if (relevant.Count == 0)
            {
                continue;
            }

            var query = texts[id];
            ours.Add(RankOurs(index, embedder, query, id), relevant);
            baseline.Add(bm25.Rank(query, id, TopK), relevant);
            fts.Add(Records(await index.SearchTextAsync(query, 100, "pmc", includeText: false, cancellationToken), id), relevant);
            var passages = await fusedRetriever.SearchAsync(query, 100, "pmc", cancellationToken);
            fused.Add(Records(passages.Select(passage => passage.Reference.RecordId), id), relevant);
        }

        Console.WriteLine($"Embedder: {Embedding.Dimensions} dimensions; HNSW vectors: {IndexSettings.Quantization}");
        Console.WriteLine($"BM25 search: at most {IndexSettings.TextSearchTerms} words, each in at most {IndexSettings.CommonTermShare:P0} of the chunks (or 1,000)");
        Console.WriteLine($"Patient-to-patient retrieval on {texts.Count} patients, {chunks.Count} chunks, {ours.Queries} queries");
        Console.WriteLine($"  lexical embedder + HNSW: MRR@10 {ours.MeanReciprocalRank:F3}, recall@10 {ours.Recall:F3}");
        Console.WriteLine($"  Lucene BM25            : MRR@10 {baseline.MeanReciprocalRank:F3}, recall@10 {baseline.Recall:F3}");
        Console.WriteLine($"  SQLite FTS5 BM25       : MRR@10 {fts.MeanReciprocalRank:F3}, recall@10 {fts.Recall:F3}");
        Console.WriteLine($"  HNSW + FTS5, RRF (c=60): MRR@10 {fused.MeanReciprocalRank:F3}, recall@10 {fused.Recall:F3}");
    }

    private static List<string> Records(IReadOnlyList<VectorMatch> matches, string self) =>
        Records(matches.Select(match => match.RecordId), self);

    /// <summary>The first <see cref="TopK"/> distinct records of a chunk ranking, leaving out the query's own record.</summary>
    private static List<string> Records(IEnumerable<string> recordIds, string self) =>
        recordIds.Where(recordId => recordId != self).Distinct(StringComparer.Ordinal).Take(TopK).ToList();

    /// <summary>Ranks records by their best chunk, leaving out the query's own record.</summary>
    private static List<string> RankOurs(EmbeddedVectorIndex index, LexicalEmbeddingGenerator embedder, string query, string self)
    {
        var matches = index.Search(embedder.Embed(query, query: true), 100, "pmc", includeText: false);
        var ranked = new List<string>(TopK);
        foreach (var match in matches)
        {
            if (match.RecordId != self && !ranked.Contains(match.RecordId))
            {
                ranked.Add(match.RecordId);
                if (ranked.Count == TopK)
                {
                    break;
                }
            }
        }

        return ranked;
    }

    private static async Task MeasureLatencyAsync(
        PmcSlice slice,
        string directory,
        int chunkCount,
        int queryCount,
        CancellationToken cancellationToken)
    {
        using var index = OpenIndex(directory);
        var embedder = new LexicalEmbeddingGenerator(Options.Create(Embedding), index);
        var words = slice.Rows
            .Select(row => TextNormalizer.NormalizeWhitespace(slice.Column(row, "patient")).Split(' '))
            .ToList();
        var random = new Random(42);

        // Distinct chunks: random 200-word windows of random patients, the size the chunker produces.
        var build = Stopwatch.StartNew();
        for (var start = 0; start < chunkCount; start += 1_000)
        {
            var batch = new List<IndexedChunk>(1_000);
            for (var i = start; i < Math.Min(chunkCount, start + 1_000); i++)
            {
                var text = Window(words, random, 200);
                batch.Add(new IndexedChunk
                {
                    ChunkId = $"synthetic/{i}#0",
                    Dataset = "synthetic",
                    RecordId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Kind = ReferenceKind.PatientCase,
                    Text = text,
                    Vector = embedder.Embed(text, query: false),
                });
            }

            await index.UpsertAsync(batch, null, cancellationToken);
        }

        build.Stop();
        var retriever = new KnowledgeRetriever(embedder, index, Options.Create(new RetrievalOptions()));
        var queries = Enumerable.Range(0, queryCount).Select(_ => Window(words, random, 40)).ToList();
        var fusedRetriever = new KnowledgeRetriever(
            embedder, index, Options.Create(new RetrievalOptions { Fusion = RetrievalFusion.ReciprocalRank }));
        var search = new List<double>(queryCount);
        var turn = new List<double>(queryCount);
        var fusedTurn = new List<double>(queryCount);
        foreach (var query in queries.Take(200))
        {
            index.Search(embedder.Embed(query, query: true), TopK, null);
        }

        foreach (var query in queries)
        {
            var vector = embedder.Embed(query, query: true);
            var started = Stopwatch.GetTimestamp();
            index.Search(vector, TopK, null);
            search.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            await retriever.FindReferencesAsync(query, 3, cancellationToken);
            turn.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            await fusedRetriever.FindReferencesAsync(query, 3, cancellationToken);
            fusedTurn.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Console.WriteLine($"Search latency at {index.Count():N0} chunks ({queryCount} queries, index built in {build.Elapsed.TotalSeconds:F1} s)");
        Console.WriteLine($"  top-{TopK} search with passage text: p50 {Percentile(search, 0.50):F3} ms, p99 {Percentile(search, 0.99):F3} ms");
        Console.WriteLine($"  chat references (embed + search + citations): p50 {Percentile(turn, 0.50):F3} ms, p99 {Percentile(turn, 0.99):F3} ms");
        Console.WriteLine($"  chat references with RRF (+ FTS5 search): p50 {Percentile(fusedTurn, 0.50):F3} ms, p99 {Percentile(fusedTurn, 0.99):F3} ms");
    }

    private static string Window(List<string[]> words, Random random, int length)
    {
        var source = words[random.Next(words.Count)];
        var start = source.Length > length ? random.Next(source.Length - length) : 0;
        return string.Join(' ', source, start, Math.Min(length, source.Length - start));
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(fraction * sorted.Count) - 1)];
    }

    private static EmbeddedVectorIndex OpenIndex(string directory) =>
        new(Options.Create(new VectorIndexOptions
        {
            Directory = directory,
            Quantization = IndexSettings.Quantization,
            Connectivity = IndexSettings.Connectivity,
            ExpansionAdd = IndexSettings.ExpansionAdd,
            ExpansionSearch = IndexSettings.ExpansionSearch,
            TextSearchTerms = IndexSettings.TextSearchTerms,
            CommonTermShare = IndexSettings.CommonTermShare,
        }), NullLogger<EmbeddedVectorIndex>.Instance);

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Lucene.Net BM25 (k1 1.2, b 0.75) over whole patient texts with the standard analyzer.</summary>
    private sealed class Bm25Baseline : IDisposable
    {
        private const LuceneVersion Version = LuceneVersion.LUCENE_48;
        private readonly RAMDirectory _directory = new();
        private readonly Analyzer _analyzer = new StandardAnalyzer(Version);
        private readonly DirectoryReader _reader;
        private readonly IndexSearcher _searcher;

        public Bm25Baseline(Dictionary<string, string> texts)
        {
            var config = new IndexWriterConfig(Version, _analyzer) { Similarity = new BM25Similarity() };
            using (var writer = new IndexWriter(_directory, config))
            {
                foreach (var (id, text) in texts)
                {
                    writer.AddDocument(new Document
                    {
                        new StringField("id", id, Field.Store.YES),
                        new TextField("text", text, Field.Store.NO),
                    });
                }
            }

            _reader = DirectoryReader.Open(_directory);
            _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
            BooleanQuery.MaxClauseCount = 8_192;
        }

        public List<string> Rank(string text, string self, int k)
        {
            var query = new BooleanQuery();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            using (var stream = _analyzer.GetTokenStream("text", text))
            {
                var term = stream.AddAttribute<ICharTermAttribute>();
                stream.Reset();
                while (stream.IncrementToken())
                {
                    if (seen.Add(term.ToString()))
                    {
                        query.Add(new TermQuery(new Term("text", term.ToString())), Occur.SHOULD);
                    }
                }

                stream.End();
            }

            return _searcher.Search(query, k + 1).ScoreDocs
                .Select(hit => _searcher.Doc(hit.Doc).Get("id"))
                .Where(id => id != self)
                .Take(k)
                .ToList();
        }

        public void Dispose()
        {
            _reader.Dispose();
            _analyzer.Dispose();
            _directory.Dispose();
        }
    }
}
