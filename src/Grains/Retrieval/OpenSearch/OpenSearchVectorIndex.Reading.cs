using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace MedifyAI.Retrieval.OpenSearch;

public sealed partial class OpenSearchVectorIndex
{
    /// <summary>
    /// Reads the chunks of <paramref name="dataset"/> with <c>_search</c> sorted on the <c>chunk_id</c> keyword field,
    /// <see cref="OpenSearchOptions.BulkBatchSize"/> hits a page, paging with <c>search_after</c>. Scroll is not used
    /// because OpenSearch Serverless does not support it.
    /// </summary>
    /// <remarks>
    /// A chunk id stored twice, which Serverless can leave behind, is returned once. An index created before the
    /// <c>chunk_id</c> field was mapped cannot be read this way, and the read fails with a message saying so.
    /// </remarks>
    public async IAsyncEnumerable<IndexedChunk> ReadDatasetAsync(
        string dataset,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        string? after = null;
        while (true)
        {
            var hits = await SearchPageAsync(
                    _options.IndexName,
                    DatasetFilter(dataset),
                    "chunk_id",
                    after,
                    _options.BulkBatchSize,
                    source: true,
                    cancellationToken)
                .ConfigureAwait(false);
            foreach (var hit in hits)
            {
                var chunk = ToIndexedChunk(hit);
                if (chunk.ChunkId == after)
                {
                    continue;
                }

                after = chunk.ChunkId;
                yield return chunk;
            }

            if (hits.Count < _options.BulkBatchSize)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Sends one page of a <c>_search</c> sorted ascending on the keyword <paramref name="sortField"/>, starting after
    /// <paramref name="after"/> when given, and returns its hits.
    /// </summary>
    private async Task<List<JsonObject>> SearchPageAsync(
        string index,
        JsonObject query,
        string sortField,
        string? after,
        int size,
        JsonNode source,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["size"] = size,
            ["query"] = query,
            ["sort"] = new JsonArray(new JsonObject { [sortField] = new JsonObject { ["order"] = "asc" } }),
            ["_source"] = source,
        };
        if (after is not null)
        {
            body["search_after"] = new JsonArray(after);
        }

        using var response = await SendAsync(HttpMethod.Post, $"{index}/_search", JsonContent(body), cancellationToken)
            .ConfigureAwait(false);
        var result = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return (result["hits"]?["hits"]?.AsArray() ?? []).Select(hit => hit!.AsObject()).ToList();
    }

    private IndexedChunk ToIndexedChunk(JsonObject hit)
    {
        var source = hit["_source"]!;
        var chunkId = (string?)source["chunk_id"]
            ?? throw new OpenSearchException(
                $"Document '{hit["_id"]}' in '{_options.IndexName}' has no chunk_id field, so the index was written " +
                "before that field was mapped. Ingest the dataset again into a new index (set " +
                $"{OpenSearchOptions.SectionName}:IndexName) before reading it back.",
                HttpStatusCode.OK,
                null);
        var vector = source["vector"]!.AsArray();
        var values = new float[vector.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = vector[i]!.GetValue<float>();
        }

        return new IndexedChunk
        {
            ChunkId = chunkId,
            Dataset = (string)source["dataset"]!,
            RecordId = (string)source["record_id"]!,
            Kind = Enum.Parse<ReferenceKind>((string)source["kind"]!),
            Text = (string?)source["text"] ?? string.Empty,
            Vector = values,
            Title = (string?)source["title"],
            Url = (string?)source["url"],
            AgeYears = (double?)source["age_years"],
            Gender = (string?)source["gender"],
        };
    }
}
