namespace MedifyAI.Tests.Persistence;

/// <summary>
/// A fresh directory under the system temp folder, deleted with its database files on disposal.
/// </summary>
public sealed class SqliteTestDirectory : IDisposable
{
    public SqliteTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "medifyai-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Path of a database file inside the directory.</summary>
    public string DatabasePath(string fileName = "grain-state.db") => System.IO.Path.Combine(Path, fileName);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing can hold a file for a moment; the temp folder is cleaned by the system.
        }
    }
}
