using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedifyAI.Retrieval;

/// <summary>
/// The embedded default vector index. SQLite (<c>index.db</c>) is the durable store of every chunk: text,
/// metadata, the vector as float16, a change sequence number, and the ingestion checkpoints. Each dataset has an
/// in-memory USearch HNSW graph for approximate nearest-neighbour search, saved to <c>hnsw/{dataset}.usearch</c> by
/// <see cref="FlushAsync"/>. On start the saved graphs are loaded and every change after the sequence number they were
/// saved at is replayed from SQLite, so a crash loses nothing that was committed. An FTS5 table over the chunk text,
/// kept in step by triggers inside the same transactions, serves BM25 searches for rank fusion.
/// </summary>
public sealed partial class EmbeddedVectorIndex : IVectorIndex, ITextSearchIndex, ITermStatistics, IDisposable
{
    /// <summary>Chunks a word may appear in and still be scanned, however small the index.</summary>
    private const long CheapTermDocuments = 1_000;

    /// <summary>Words scanned when every query word is too common.</summary>
    private const int FallbackTerms = 2;

    private readonly VectorIndexOptions _options;
    private readonly ILogger<EmbeddedVectorIndex> _logger;
    private readonly string _connectionString;
    private readonly string _graphDirectory;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly FileStream _directoryLock;
    private readonly ConcurrentDictionary<string, HnswDatasetIndex> _graphs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long[] _documentFrequencies = [];
    private long _documentCount;
    private long _sequence;
    private int _dimensions;
    private bool _disposed;

    public EmbeddedVectorIndex(IOptions<VectorIndexOptions> options, ILogger<EmbeddedVectorIndex> logger)
    {
        _options = options.Value;
        _logger = logger;
        Directory.CreateDirectory(_options.Directory);
        _directoryLock = LockDirectory(_options.Directory);
        _graphDirectory = Path.Combine(_options.Directory, "hnsw");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_options.Directory, "index.db"),
            Pooling = true,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        try
        {
            Directory.CreateDirectory(_graphDirectory);
            _writer.Open();
            var hadTextIndex = TableExists("chunks_text");
            Execute(_writer, Schema);
            if (!hadTextIndex)
            {
                // An index written before the text table existed: fill it from the chunks once.
                Execute(_writer, "INSERT INTO chunks_text(chunks_text) VALUES ('rebuild')");
            }

            Load();
        }
        catch
        {
            _writer.Dispose();
            _directoryLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes an exclusive lock on <c>index.lock</c> in <paramref name="directory"/> for the life of this index. The
    /// sequence numbers and HNSW graphs live in memory, so a second writer, such as the <c>reindex</c> command next to
    /// a running silo, would reuse sequence numbers and leave chunks out of the saved graphs.
    /// </summary>
    /// <remarks>
    /// NOTE: on Linux .NET takes the lock with flock(2), which is advisory and may not hold across hosts on a network
    /// file system.
    /// </remarks>
    /// <exception cref="IOException">Another process, or another index in this one, has the directory open.</exception>
    private static FileStream LockDirectory(string directory)
    {
        var path = Path.Combine(directory, "index.lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new IOException(
                $"The embedded vector index in '{Path.GetFullPath(directory)}' is in use by another process, such as a "
                + $"running silo. Stop that process, or set {VectorIndexOptions.SectionName}:Directory to another folder.",
                exception);
        }
    }

    public long DocumentCount => Interlocked.Read(ref _documentCount);

    public long DocumentFrequency(int dimension)
    {
        var frequencies = _documentFrequencies;
        return dimension < frequencies.Length ? Interlocked.Read(ref frequencies[dimension]) : 0;
    }

    public long Count(string? dataset = null) =>
        dataset is null ? _counts.Values.Sum() : _counts.GetValueOrDefault(dataset);

    public async Task UpsertAsync(
        IReadOnlyList<IndexedChunk> chunks,
        IndexCheckpoint? checkpoint,
        CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sequence = _sequence + 1;
            var frequencyDeltas = new Dictionary<int, long>();
            var countDeltas = new Dictionary<string, long>(StringComparer.Ordinal);
            var changes = new List<(ulong Key, string Dataset, float[] Vector)>(chunks.Count);

            using (var transaction = _writer.BeginTransaction())
            {
                foreach (var chunk in chunks)
                {
                    var vector = chunk.Vector.ToArray();
                    EnsureDimensions(transaction, vector.Length);
                    var key = UpsertRow(transaction, chunk, vector, sequence, frequencyDeltas, countDeltas);
                    changes.Add((key, chunk.Dataset, vector));
                }

                WriteFrequencyDeltas(transaction, frequencyDeltas);
                if (checkpoint is not null)
                {
                    WriteCheckpoint(transaction, checkpoint);
                }

                WriteMeta(transaction, "sequence", sequence);
                transaction.Commit();
            }

            _sequence = sequence;
            ApplyCounts(frequencyDeltas, countDeltas);
            foreach (var (key, dataset, vector) in changes)
            {
                GraphFor(dataset).Upsert(key, vector);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sequence = _sequence + 1;
            var frequencyDeltas = new Dictionary<int, long>();
            var countDeltas = new Dictionary<string, long>(StringComparer.Ordinal);
            var removed = new List<(ulong Key, string Dataset)>();

            using (var transaction = _writer.BeginTransaction())
            {
                foreach (var chunkId in chunkIds)
                {
                    using var select = Command(transaction, "SELECT key, dataset, vector FROM chunks WHERE chunk_id = $id");
                    select.Parameters.AddWithValue("$id", chunkId);
                    using var reader = select.ExecuteReader();
                    if (!reader.Read())
                    {
                        continue;
                    }

                    var key = (ulong)reader.GetInt64(0);
                    var dataset = reader.GetString(1);
                    CountNonZero((byte[])reader[2], frequencyDeltas, -1);
                    reader.Close();

                    using var delete = Command(transaction, "DELETE FROM chunks WHERE key = $key");
                    delete.Parameters.AddWithValue("$key", (long)key);
                    delete.ExecuteNonQuery();

                    using var tombstone = Command(
                        transaction,
                        "INSERT OR REPLACE INTO tombstones(key, dataset, seq) VALUES ($key, $dataset, $seq)");
                    tombstone.Parameters.AddWithValue("$key", (long)key);
                    tombstone.Parameters.AddWithValue("$dataset", dataset);
                    tombstone.Parameters.AddWithValue("$seq", sequence);
                    tombstone.ExecuteNonQuery();

                    countDeltas[dataset] = countDeltas.GetValueOrDefault(dataset) - 1;
                    removed.Add((key, dataset));
                }

                WriteFrequencyDeltas(transaction, frequencyDeltas);
                WriteMeta(transaction, "sequence", sequence);
                transaction.Commit();
            }

            _sequence = sequence;
            ApplyCounts(frequencyDeltas, countDeltas);
            foreach (var (key, dataset) in removed)
            {
                GraphFor(dataset).Remove(key);
            }

            return removed.Count;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<IReadOnlyList<VectorMatch>> SearchAsync(
        ReadOnlyMemory<float> query,
        int k,
        string? dataset,
        bool includeText,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Search(query.Span, k, dataset, includeText));
    }

    public Task<long> CountAsync(string? dataset, CancellationToken cancellationToken) =>
        Task.FromResult(Count(dataset));

    public Task<IReadOnlyList<VectorMatch>> SearchTextAsync(
        string query,
        int k,
        string? dataset,
        bool includeText,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var terms = TextQuery.Terms(query);
        if (terms.Count == 0 || Count(dataset) == 0)
        {
            return Task.FromResult<IReadOnlyList<VectorMatch>>([]);
        }

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var match = TextQuery.ToFts5Match(SelectSearchTerms(connection, terms));
        if (match is null)
        {
            return Task.FromResult<IReadOnlyList<VectorMatch>>([]);
        }

        // bm25() is lower for better matches; its negation is the usual positive score.
        using var command = connection.CreateCommand();
        command.CommandText = dataset is null
            ? "SELECT rowid, -bm25(chunks_text) FROM chunks_text WHERE chunks_text MATCH $match ORDER BY bm25(chunks_text) LIMIT $k"
            : """
              SELECT chunks_text.rowid, -bm25(chunks_text) FROM chunks_text JOIN chunks ON chunks.key = chunks_text.rowid
              WHERE chunks_text MATCH $match AND chunks.dataset = $dataset ORDER BY bm25(chunks_text) LIMIT $k
              """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$k", k);
        if (dataset is not null)
        {
            command.Parameters.AddWithValue("$dataset", dataset);
        }

        var hits = new List<(ulong Key, double Score)>(k);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                hits.Add(((ulong)reader.GetInt64(0), reader.GetDouble(1)));
            }
        }

        return Task.FromResult<IReadOnlyList<VectorMatch>>(hits.Count == 0 ? [] : ReadMatches(hits, includeText));
    }

    /// <summary>
    /// Keeps the query words worth a posting-list scan, rarest first and at most
    /// <see cref="VectorIndexOptions.TextSearchTerms"/>: those in at most <see cref="VectorIndexOptions.CommonTermShare"/>
    /// of the chunks or in <see cref="CheapTermDocuments"/> chunks or fewer. When every
    /// word is common, the <see cref="FallbackTerms"/> rarest stay. FTS5 scores every chunk that contains any query
    /// word, so a word such as "patient", in most chunks of a case-report corpus, costs a scan of the whole table.
    /// </summary>
    private List<string> SelectSearchTerms(SqliteConnection connection, IReadOnlyList<string> terms)
    {
        using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT term, doc FROM chunks_text_vocab WHERE term IN (");
        for (var i = 0; i < terms.Count; i++)
        {
            sql.Append(i == 0 ? "$t0" : $",$t{i}");
            command.Parameters.AddWithValue($"$t{i}", terms[i]);
        }

        command.CommandText = sql.Append(')').ToString();
        var frequencies = new List<(string Term, long Documents)>(terms.Count);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                frequencies.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        frequencies.Sort((left, right) => left.Documents.CompareTo(right.Documents));
        var commonAbove = Math.Max(CheapTermDocuments, (long)(_options.CommonTermShare * Interlocked.Read(ref _documentCount)));
        var selected = frequencies.Where(entry => entry.Documents <= commonAbove).Take(_options.TextSearchTerms).ToList();
        return (selected.Count > 0 ? selected : frequencies.Take(FallbackTerms)).Select(entry => entry.Term).ToList();
    }

    /// <summary>Finds up to <paramref name="k"/> nearest chunks in-process, best first; see <see cref="IVectorIndex.SearchAsync"/>.</summary>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int k, string? dataset, bool includeText = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (_dimensions == 0 || Count(dataset) == 0)
        {
            return [];
        }

        if (query.Length != _dimensions)
        {
            throw new ArgumentException(
                $"The query has {query.Length} dimensions; the index stores {_dimensions}.", nameof(query));
        }

        var vector = query.ToArray();
        var hits = new List<(ulong Key, double Score)>(k * Math.Max(1, _graphs.Count));
        if (dataset is not null)
        {
            if (_graphs.TryGetValue(dataset, out var graph))
            {
                graph.Search(vector, k, hits);
            }
        }
        else
        {
            foreach (var graph in _graphs.Values)
            {
                graph.Search(vector, k, hits);
            }
        }

        if (hits.Count == 0)
        {
            return [];
        }

        hits.Sort((left, right) => right.Score.CompareTo(left.Score));
        if (hits.Count > k)
        {
            hits.RemoveRange(k, hits.Count - k);
        }

        return ReadMatches(hits, includeText);
    }

    public async Task<IndexCheckpoint?> GetCheckpointAsync(string dataset, string runId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT records_read, state FROM checkpoints WHERE dataset = $dataset AND run_id = $run";
        command.Parameters.AddWithValue("$dataset", dataset);
        command.Parameters.AddWithValue("$run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new IndexCheckpoint(dataset, runId, reader.GetInt64(0), reader.GetString(1))
            : null;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SaveGraphs();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writeGate.Wait();
        try
        {
            SaveGraphs();
        }
        catch (Exception exception) when (exception is IOException or SqliteException)
        {
            // The graphs are rebuilt from SQLite on the next start, so a failed save costs only start-up time.
            LogSaveFailed(_logger, exception, _options.Directory);
        }

        foreach (var graph in _graphs.Values)
        {
            graph.Dispose();
        }

        _writer.Dispose();
        _directoryLock.Dispose();
        _writeGate.Dispose();
    }

    private ulong UpsertRow(
        SqliteTransaction transaction,
        IndexedChunk chunk,
        float[] vector,
        long sequence,
        Dictionary<int, long> frequencyDeltas,
        Dictionary<string, long> countDeltas)
    {
        long? existingKey = null;
        using (var select = Command(transaction, "SELECT key, vector FROM chunks WHERE chunk_id = $id"))
        {
            select.Parameters.AddWithValue("$id", chunk.ChunkId);
            using var reader = select.ExecuteReader();
            if (reader.Read())
            {
                existingKey = reader.GetInt64(0);
                CountNonZero((byte[])reader[1], frequencyDeltas, -1);
            }
        }

        var blob = ToHalfBytes(vector);
        CountNonZero(blob, frequencyDeltas, +1);

        using var write = Command(
            transaction,
            existingKey is null
                ? """
                  INSERT INTO chunks(chunk_id, dataset, record_id, kind, title, url, age_years, gender, text, vector, seq)
                  VALUES ($id, $dataset, $record, $kind, $title, $url, $age, $gender, $text, $vector, $seq)
                  RETURNING key
                  """
                : """
                  UPDATE chunks SET dataset = $dataset, record_id = $record, kind = $kind, title = $title, url = $url,
                      age_years = $age, gender = $gender, text = $text, vector = $vector, seq = $seq
                  WHERE chunk_id = $id
                  RETURNING key
                  """);
        write.Parameters.AddWithValue("$id", chunk.ChunkId);
        write.Parameters.AddWithValue("$dataset", chunk.Dataset);
        write.Parameters.AddWithValue("$record", chunk.RecordId);
        write.Parameters.AddWithValue("$kind", (int)chunk.Kind);
        write.Parameters.AddWithValue("$title", (object?)chunk.Title ?? DBNull.Value);
        write.Parameters.AddWithValue("$url", (object?)chunk.Url ?? DBNull.Value);
        write.Parameters.AddWithValue("$age", (object?)chunk.AgeYears ?? DBNull.Value);
        write.Parameters.AddWithValue("$gender", (object?)chunk.Gender ?? DBNull.Value);
        write.Parameters.AddWithValue("$text", chunk.Text);
        write.Parameters.AddWithValue("$vector", blob);
        write.Parameters.AddWithValue("$seq", sequence);
        var key = (long)write.ExecuteScalar()!;

        if (existingKey is null)
        {
            countDeltas[chunk.Dataset] = countDeltas.GetValueOrDefault(chunk.Dataset) + 1;
        }

        return (ulong)key;
    }

    private void EnsureDimensions(SqliteTransaction transaction, int length)
    {
        if (_dimensions == 0)
        {
            _dimensions = length;
            _documentFrequencies = new long[length];
            WriteMeta(transaction, "dimensions", length);
            return;
        }

        if (length != _dimensions)
        {
            throw new InvalidOperationException(
                $"The vector has {length} dimensions but the index at '{_options.Directory}' stores {_dimensions}. "
                + "Use the embedder the index was built with, or delete the index folder and ingest again.");
        }
    }

    private HnswDatasetIndex GraphFor(string dataset) =>
        _graphs.GetOrAdd(dataset, _ => HnswDatasetIndex.Create(_options, _dimensions));

    private void ApplyCounts(Dictionary<int, long> frequencyDeltas, Dictionary<string, long> countDeltas)
    {
        foreach (var (dimension, delta) in frequencyDeltas)
        {
            Interlocked.Add(ref _documentFrequencies[dimension], delta);
        }

        foreach (var (dataset, delta) in countDeltas)
        {
            _counts.AddOrUpdate(dataset, delta, (_, count) => count + delta);
            Interlocked.Add(ref _documentCount, delta);
        }
    }

    private List<VectorMatch> ReadMatches(List<(ulong Key, double Score)> hits, bool includeText)
    {
        var sql = new StringBuilder(includeText
            ? "SELECT key, chunk_id, dataset, record_id, kind, title, url, age_years, gender, text FROM chunks WHERE key IN ("
            : "SELECT key, chunk_id, dataset, record_id, kind, title, url, age_years, gender, '' FROM chunks WHERE key IN (");
        for (var i = 0; i < hits.Count; i++)
        {
            sql.Append(i == 0 ? "$k0" : $",$k{i}");
        }

        sql.Append(')');

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        for (var i = 0; i < hits.Count; i++)
        {
            command.Parameters.AddWithValue($"$k{i}", (long)hits[i].Key);
        }

        var rows = new Dictionary<long, VectorMatch>(hits.Count);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows[reader.GetInt64(0)] = new VectorMatch(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    (ReferenceKind)reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetDouble(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.GetString(9),
                    0);
            }
        }

        // A hit deleted between the graph search and this read is dropped.
        var matches = new List<VectorMatch>(hits.Count);
        foreach (var (key, score) in hits)
        {
            if (rows.TryGetValue((long)key, out var match))
            {
                matches.Add(match with { Score = score });
            }
        }

        return matches;
    }

    private void Load()
    {
        _sequence = ReadMeta("sequence");
        _dimensions = (int)ReadMeta("dimensions");
        if (_dimensions == 0)
        {
            return;
        }

        _documentFrequencies = new long[_dimensions];
        using (var command = Command(null, "SELECT dimension, df FROM term_stats"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                _documentFrequencies[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        using (var command = Command(null, "SELECT dataset, COUNT(*) FROM chunks GROUP BY dataset"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                _counts[reader.GetString(0)] = reader.GetInt64(1);
                _documentCount += reader.GetInt64(1);
            }
        }

        var snapshots = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = Command(null, "SELECT dataset, seq FROM snapshots"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                snapshots[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        foreach (var dataset in _counts.Keys)
        {
            var path = GraphPath(dataset);
            var loaded = File.Exists(path) && snapshots.ContainsKey(dataset);
            var graph = loaded ? HnswDatasetIndex.Load(path) : HnswDatasetIndex.Create(_options, _dimensions);
            _graphs[dataset] = graph;
            var replayed = Replay(dataset, graph, loaded ? snapshots[dataset] : 0);
            LogGraphLoaded(_logger, dataset, _counts[dataset], replayed, loaded);
        }
    }

    /// <summary>Applies the deletes and upserts of <paramref name="dataset"/> newer than <paramref name="savedAt"/>.</summary>
    private long Replay(string dataset, HnswDatasetIndex graph, long savedAt)
    {
        using (var command = Command(null, "SELECT key FROM tombstones WHERE dataset = $dataset AND seq > $seq"))
        {
            command.Parameters.AddWithValue("$dataset", dataset);
            command.Parameters.AddWithValue("$seq", savedAt);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                graph.Remove((ulong)reader.GetInt64(0));
            }
        }

        long replayed = 0;
        using (var command = Command(null, "SELECT key, vector FROM chunks WHERE dataset = $dataset AND seq > $seq"))
        {
            command.Parameters.AddWithValue("$dataset", dataset);
            command.Parameters.AddWithValue("$seq", savedAt);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                graph.Upsert((ulong)reader.GetInt64(0), FromHalfBytes((byte[])reader[1]));
                replayed++;
            }
        }

        return replayed;
    }

    private void SaveGraphs()
    {
        foreach (var (dataset, graph) in _graphs)
        {
            if (!graph.Dirty)
            {
                continue;
            }

            graph.Save(GraphPath(dataset));
            using var transaction = _writer.BeginTransaction();
            using var command = Command(transaction, "INSERT OR REPLACE INTO snapshots(dataset, seq) VALUES ($dataset, $seq)");
            command.Parameters.AddWithValue("$dataset", dataset);
            command.Parameters.AddWithValue("$seq", _sequence);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private string GraphPath(string dataset) => Path.Combine(_graphDirectory, dataset + ".usearch");

    private void WriteFrequencyDeltas(SqliteTransaction transaction, Dictionary<int, long> deltas)
    {
        using var command = Command(
            transaction,
            "INSERT INTO term_stats(dimension, df) VALUES ($dimension, $delta) "
            + "ON CONFLICT(dimension) DO UPDATE SET df = df + excluded.df");
        var dimension = command.Parameters.Add("$dimension", SqliteType.Integer);
        var delta = command.Parameters.Add("$delta", SqliteType.Integer);
        foreach (var (key, value) in deltas)
        {
            if (value == 0)
            {
                continue;
            }

            dimension.Value = key;
            delta.Value = value;
            command.ExecuteNonQuery();
        }
    }

    private void WriteCheckpoint(SqliteTransaction transaction, IndexCheckpoint checkpoint)
    {
        using var command = Command(
            transaction,
            "INSERT OR REPLACE INTO checkpoints(dataset, run_id, records_read, state) VALUES ($dataset, $run, $records, $state)");
        command.Parameters.AddWithValue("$dataset", checkpoint.Dataset);
        command.Parameters.AddWithValue("$run", checkpoint.RunId);
        command.Parameters.AddWithValue("$records", checkpoint.RecordsRead);
        command.Parameters.AddWithValue("$state", checkpoint.State);
        command.ExecuteNonQuery();
    }

    private void WriteMeta(SqliteTransaction transaction, string name, long value)
    {
        using var command = Command(transaction, "INSERT OR REPLACE INTO meta(name, value) VALUES ($name, $value)");
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private bool TableExists(string name)
    {
        using var command = Command(null, "SELECT COUNT(*) FROM sqlite_master WHERE name = $name");
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()! > 0;
    }

    private long ReadMeta(string name)
    {
        using var command = Command(null, "SELECT value FROM meta WHERE name = $name");
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void CountNonZero(byte[] blob, Dictionary<int, long> deltas, int sign)
    {
        var values = MemoryMarshal.Cast<byte, Half>(blob);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != Half.Zero)
            {
                deltas[i] = deltas.GetValueOrDefault(i) + sign;
            }
        }
    }

    private static byte[] ToHalfBytes(float[] vector)
    {
        var bytes = new byte[vector.Length * 2];
        var values = MemoryMarshal.Cast<byte, Half>(bytes.AsSpan());
        for (var i = 0; i < vector.Length; i++)
        {
            values[i] = (Half)vector[i];
        }

        return bytes;
    }

    private static float[] FromHalfBytes(byte[] bytes)
    {
        var values = MemoryMarshal.Cast<byte, Half>(bytes.AsSpan());
        var vector = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            vector[i] = (float)values[i];
        }

        return vector;
    }

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS chunks(
            key INTEGER PRIMARY KEY AUTOINCREMENT,
            chunk_id TEXT NOT NULL UNIQUE,
            dataset TEXT NOT NULL,
            record_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            title TEXT,
            url TEXT,
            age_years REAL,
            gender TEXT,
            text TEXT NOT NULL,
            vector BLOB NOT NULL,
            seq INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS chunks_dataset_seq ON chunks(dataset, seq);
        CREATE TABLE IF NOT EXISTS tombstones(key INTEGER PRIMARY KEY, dataset TEXT NOT NULL, seq INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS term_stats(dimension INTEGER PRIMARY KEY, df INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS checkpoints(
            dataset TEXT NOT NULL,
            run_id TEXT NOT NULL,
            records_read INTEGER NOT NULL,
            state TEXT NOT NULL,
            PRIMARY KEY(dataset, run_id));
        CREATE TABLE IF NOT EXISTS snapshots(dataset TEXT PRIMARY KEY, seq INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_text USING fts5(
            text, content = 'chunks', content_rowid = 'key', tokenize = 'unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_text_vocab USING fts5vocab(chunks_text, 'row');
        CREATE TRIGGER IF NOT EXISTS chunks_text_insert AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_text(rowid, text) VALUES (new.key, new.text);
        END;
        CREATE TRIGGER IF NOT EXISTS chunks_text_delete AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_text(chunks_text, rowid, text) VALUES ('delete', old.key, old.text);
        END;
        CREATE TRIGGER IF NOT EXISTS chunks_text_update AFTER UPDATE OF text ON chunks BEGIN
            INSERT INTO chunks_text(chunks_text, rowid, text) VALUES ('delete', old.key, old.text);
            INSERT INTO chunks_text(rowid, text) VALUES (new.key, new.text);
        END;
        """;

    [LoggerMessage(3100, LogLevel.Information,
        "Vector index loaded dataset {Dataset}: {Chunks} chunks, {Replayed} replayed from SQLite, saved graph used: {Loaded}")]
    private static partial void LogGraphLoaded(ILogger logger, string dataset, long chunks, long replayed, bool loaded);

    [LoggerMessage(3101, LogLevel.Warning, "Saving the HNSW graphs under {Directory} failed; they will be rebuilt on start")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string directory);
}
