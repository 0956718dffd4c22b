namespace MedifyAI.Benchmarks.Chat;

/// <summary>A temporary data directory for a benchmark server, deleted on dispose.</summary>
internal sealed class BenchmarkDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("medifyai-bench-").FullName;

    /// <summary>Total size in bytes of the files matching <paramref name="pattern"/>, in every subfolder.</summary>
    public long SizeOfFiles(string pattern) =>
        Directory.EnumerateFiles(Path, pattern, SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
