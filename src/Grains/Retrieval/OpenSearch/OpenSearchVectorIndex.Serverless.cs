using System.Text.Json.Nodes;

namespace MedifyAI.Retrieval.OpenSearch;

/// <summary>
/// The OpenSearch Serverless (<c>aoss</c>) paths. Vector search collections reject a custom document id in
/// <c>_bulk</c> index actions and in <c>PUT _doc/{id}</c> with 400 <c>illegal_argument_exception</c> "Document ID is
/// not supported in create/index operation request", and the AWS list of supported operations has neither
/// <c>_refresh</c> nor <c>_delete_by_query</c>. So the chunk id and checkpoint id live in keyword fields, an upsert
/// deletes the documents that carry the id and indexes the new version in the same <c>_bulk</c> request, and a
/// delete by dataset reads the document ids with <c>search_after</c> and deletes them through <c>_bulk</c>.
/// </summary>
/// <remarks>
/// NOTE: Serverless makes writes searchable after a delay, so the lookup before an upsert can miss a version written
/// moments earlier. Re-writing the same chunk within that window can then leave two documents with one chunk id.
/// Search may then return both, <see cref="ReadDatasetAsync"/> returns one, and counts include both until the next
/// upsert of that chunk removes the extra one.
/// </remarks>
// TODO: _count and HEAD {index} are sent to Serverless as to a domain. HEAD is on the AWS list of supported
// operations, but _count was not confirmed in the parts of that list read so far.
public sealed partial class OpenSearchVectorIndex
{
    /// <summary>Upper bound of hits one id lookup returns; the default <c>index.max_result_window</c>.</summary>
    private const int MaxLookupHits = 10_000;

    private async Task UpsertServerlessAsync(
        IReadOnlyList<IndexedChunk> chunks,
        IndexCheckpoint? checkpoint,
        CancellationToken cancellationToken)
    {
        ThrowIfWrongDimension(chunks);
        foreach (var batch in chunks.Chunk(_options.BulkBatchSize))
        {
            // A chunk id repeated in one batch keeps its last version, as two upserts in a row would.
            var latest = new Dictionary<string, IndexedChunk>(StringComparer.Ordinal);
            foreach (var chunk in batch)
            {
                latest[chunk.ChunkId] = chunk;
            }

            var existing = await FindDocumentIdsAsync(_options.IndexName, "chunk_id", latest.Keys, cancellationToken)
                .ConfigureAwait(false);
            var items = existing
                .Select(document => KeyValuePair.Create("delete:" + document.DocumentId, DeleteLine(_options.IndexName, document.DocumentId)))
                .Concat(latest.Values.Select(chunk => KeyValuePair.Create(
                    "index:" + chunk.ChunkId,
                    IndexLines(_options.IndexName, null, ChunkSource(chunk)))))
                .ToList();
            await BulkAsync(items, cancellationToken).ConfigureAwait(false);
        }

        if (checkpoint is not null)
        {
            var checkpointId = CheckpointId(checkpoint.Dataset, checkpoint.RunId);
            var previous = await FindDocumentIdsAsync(_options.CheckpointIndexName, "checkpoint_id", [checkpointId], cancellationToken)
                .ConfigureAwait(false);
            var source = new JsonObject
            {
                ["checkpoint_id"] = checkpointId,
                ["dataset"] = checkpoint.Dataset,
                ["run_id"] = checkpoint.RunId,
                ["records_read"] = checkpoint.RecordsRead,
                ["state"] = checkpoint.State,
            };

            // The new checkpoint goes first, so a failed delete of an older one never leaves the run without one.
            List<KeyValuePair<string, string>> items =
            [
                KeyValuePair.Create("index:" + checkpointId, IndexLines(_options.CheckpointIndexName, null, source)),
                .. previous.Select(document => KeyValuePair.Create(
                    "delete:" + document.DocumentId,
                    DeleteLine(_options.CheckpointIndexName, document.DocumentId))),
            ];
            await BulkAsync(items, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> DeleteServerlessAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in chunkIds.Distinct(StringComparer.Ordinal).Chunk(_options.BulkBatchSize))
        {
            var documents = await FindDocumentIdsAsync(_options.IndexName, "chunk_id", batch, cancellationToken)
                .ConfigureAwait(false);
            if (documents.Count == 0)
            {
                continue;
            }

            var items = documents
                .Select(document => KeyValuePair.Create(document.DocumentId, DeleteLine(_options.IndexName, document.DocumentId)))
                .ToList();
            await BulkAsync(items, cancellationToken).ConfigureAwait(false);
            deleted.UnionWith(documents.Select(document => document.Key));
        }

        return deleted.Count;
    }

    private async Task<long> DeleteDatasetServerlessAsync(string dataset, CancellationToken cancellationToken)
    {
        // Every id is read before the first delete, because a page read after a delete could still list deleted
        // documents while Serverless catches up.
        var documentIds = new List<string>();
        string? after = null;
        while (true)
        {
            var hits = await SearchPageAsync(
                    _options.IndexName,
                    DatasetFilter(dataset),
                    "chunk_id",
                    after,
                    _options.BulkBatchSize,
                    new JsonArray("chunk_id"),
                    cancellationToken)
                .ConfigureAwait(false);
            documentIds.AddRange(hits.Select(hit => (string)hit["_id"]!));
            if (hits.Count < _options.BulkBatchSize)
            {
                break;
            }

            after = (string)hits[^1]["_source"]!["chunk_id"]!;
        }

        long deleted = 0;
        foreach (var batch in documentIds.Chunk(_options.BulkBatchSize))
        {
            var items = batch.Select(id => KeyValuePair.Create(id, DeleteLine(_options.IndexName, id))).ToList();
            deleted += await BulkAsync(items, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    private async Task<IndexCheckpoint?> GetCheckpointServerlessAsync(string dataset, string runId, CancellationToken cancellationToken)
    {
        // Two documents of one run can coexist for a moment, so the one furthest into the source wins.
        var body = new JsonObject
        {
            ["size"] = 1,
            ["query"] = new JsonObject { ["term"] = new JsonObject { ["checkpoint_id"] = CheckpointId(dataset, runId) } },
            ["sort"] = new JsonArray(new JsonObject { ["records_read"] = new JsonObject { ["order"] = "desc" } }),
        };
        using var response = await SendAsync(
                HttpMethod.Post,
                $"{_options.CheckpointIndexName}/_search",
                JsonContent(body),
                cancellationToken)
            .ConfigureAwait(false);
        var hits = (await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false))["hits"]?["hits"]?.AsArray() ?? [];
        if (hits.Count == 0)
        {
            return null;
        }

        var source = hits[0]!["_source"]!;
        return new IndexCheckpoint(
            (string)source["dataset"]!,
            (string)source["run_id"]!,
            source["records_read"]!.GetValue<long>(),
            (string)source["state"]!);
    }

    /// <summary>Returns the server-assigned ids of the documents whose keyword <paramref name="field"/> is one of <paramref name="keys"/>.</summary>
    private async Task<List<(string DocumentId, string Key)>> FindDocumentIdsAsync(
        string index,
        string field,
        IEnumerable<string> keys,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["size"] = MaxLookupHits,
            ["query"] = new JsonObject { ["terms"] = new JsonObject { [field] = new JsonArray([.. keys.Select(key => JsonValue.Create(key))]) } },
            ["_source"] = new JsonArray(field),
        };
        using var response = await SendAsync(HttpMethod.Post, $"{index}/_search", JsonContent(body), cancellationToken)
            .ConfigureAwait(false);
        var hits = (await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false))["hits"]?["hits"]?.AsArray() ?? [];
        return hits.Select(hit => ((string)hit!["_id"]!, (string)hit["_source"]![field]!)).ToList();
    }
}
