using MedifyAI.Datasets;

namespace MedifyAI.Ingestion;

/// <summary>Parses one source format into records, streaming: a reader never holds more than one record.</summary>
public interface IRecordReader
{
    DatasetFormat Format { get; }

    /// <summary>
    /// Yields one result per record of <paramref name="stream"/>. A bad record becomes a rejection and reading
    /// goes on; only a stream that cannot be read at all (for example a CSV without the required header) throws.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not in this format at all.</exception>
    IAsyncEnumerable<RecordReadResult> ReadAsync(Stream stream, CancellationToken cancellationToken);
}
