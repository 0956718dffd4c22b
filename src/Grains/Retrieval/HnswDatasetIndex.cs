using Cloud.Unum.USearch;

namespace MedifyAI.Retrieval;

/// <summary>
/// The USearch HNSW graph of one dataset, guarded so searches run in parallel and changes run alone.
/// Keys are the SQLite row keys of the chunks.
/// </summary>
internal sealed class HnswDatasetIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly USearchIndex _index;

    private HnswDatasetIndex(USearchIndex index)
    {
        _index = index;
    }

    /// <summary>True when the graph changed since it was loaded or last saved.</summary>
    public bool Dirty { get; private set; }

    public static HnswDatasetIndex Create(VectorIndexOptions options, int dimensions) =>
        new(new USearchIndex(
            MetricKind.Cos,
            options.Quantization,
            (ulong)dimensions,
            (ulong)options.Connectivity,
            (ulong)options.ExpansionAdd,
            (ulong)options.ExpansionSearch));

    public static HnswDatasetIndex Load(string path) => new(new USearchIndex(path, false));

    public void Upsert(ulong key, float[] vector)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_index.Contains(key))
            {
                _index.Remove(key);
            }

            _index.Add(key, vector);
            Dirty = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Remove(ulong key)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_index.Contains(key))
            {
                _index.Remove(key);
                Dirty = true;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Appends up to <paramref name="k"/> (key, cosine similarity) pairs to <paramref name="results"/>.</summary>
    public void Search(float[] query, int k, List<(ulong Key, double Score)> results)
    {
        _lock.EnterReadLock();
        try
        {
            if (_index.Size() == 0)
            {
                return;
            }

            var found = _index.Search(query, k, out var keys, out var distances);
            for (var i = 0; i < found; i++)
            {
                results.Add((keys[i], 1 - distances[i]));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Writes the graph to <paramref name="path"/> through a temporary file, so a crash never leaves half a file.</summary>
    public void Save(string path)
    {
        _lock.EnterReadLock();
        try
        {
            var temporary = path + ".tmp";
            _index.Save(temporary);
            File.Move(temporary, path, overwrite: true);
            Dirty = false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _index.Dispose();
        _lock.Dispose();
    }
}
