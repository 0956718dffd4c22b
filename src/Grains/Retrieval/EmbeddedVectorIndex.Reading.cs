using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace MedifyAI.Retrieval;

public sealed partial class EmbeddedVectorIndex
{
    private const int ReadPageSize = 500;

    /// <summary>Vector length of the stored chunks, or 0 while the index has never stored one.</summary>
    public int Dimensions => _dimensions;

    /// <summary>
    /// Reads the chunks of <paramref name="dataset"/> from SQLite in chunk-id order, one page of
    /// <see cref="ReadPageSize"/> rows per query, so no read transaction stays open while the caller works.
    /// </summary>
    /// <remarks>Vectors come back as stored: float16 values widened to float.</remarks>
    public async IAsyncEnumerable<IndexedChunk> ReadDatasetAsync(
        string dataset,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        string? after = null;
        while (true)
        {
            var page = await ReadPageAsync(dataset, after, cancellationToken).ConfigureAwait(false);
            foreach (var chunk in page)
            {
                yield return chunk;
            }

            if (page.Count < ReadPageSize)
            {
                yield break;
            }

            after = page[^1].ChunkId;
        }
    }

    private async Task<List<IndexedChunk>> ReadPageAsync(string dataset, string? after, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT chunk_id, record_id, kind, title, url, age_years, gender, text, vector FROM chunks
            WHERE dataset = $dataset AND ($after IS NULL OR chunk_id > $after)
            ORDER BY chunk_id
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$dataset", dataset);
        command.Parameters.AddWithValue("$after", (object?)after ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", ReadPageSize);

        var page = new List<IndexedChunk>(ReadPageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(new IndexedChunk
            {
                ChunkId = reader.GetString(0),
                Dataset = dataset,
                RecordId = reader.GetString(1),
                Kind = (ReferenceKind)reader.GetInt32(2),
                Title = reader.IsDBNull(3) ? null : reader.GetString(3),
                Url = reader.IsDBNull(4) ? null : reader.GetString(4),
                AgeYears = reader.IsDBNull(5) ? null : reader.GetDouble(5),
                Gender = reader.IsDBNull(6) ? null : reader.GetString(6),
                Text = reader.GetString(7),
                Vector = FromHalfBytes((byte[])reader[8]),
            });
        }

        return page;
    }
}
