using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedifyAI.Retrieval.OpenSearch;

/// <summary>
/// <see cref="IVectorIndex"/> on an OpenSearch cluster through its REST API, shared by every silo. Chunks live in
/// <see cref="OpenSearchOptions.IndexName"/> with the chunk id as document id; checkpoints live in a small second
/// index.
/// </summary>
/// <remarks>
/// OpenSearch has no transaction across two indexes, so <see cref="UpsertAsync"/> writes the checkpoint only after
/// every chunk of the batch was accepted. Counts still stay exact: a crash between the two leaves chunks whose
/// ids a resumed run writes again, and an upsert by id replaces a document rather than adding one. The run's
/// counters travel in the checkpoint, so nothing is counted from the chunks written after it.
/// </remarks>
// NOTE: tested only against the loopback fake in the tests, which checks the request shapes of the OpenSearch 2.x
// documentation and, in its aoss mode, rejects what the AWS page "Supported operations and plugins in Amazon
// OpenSearch Serverless" leaves out. With Service = aoss (see OpenSearchVectorIndex.Serverless.cs) the index never
// sends a document id in _bulk index actions or PUT _doc, because vector search collections reject custom ids. It
// also never calls _refresh or _delete_by_query, which that page does not list, and it signs the body hash in
// x-amz-content-sha256. Serverless writes become searchable only after a delay, and the AWS documentation gives
// no bound for it.
// TODO: check the Serverless paths against a real vector search collection. The fake rejects unlisted operations
// with 404, which is a guess, because the AWS documentation does not say what they return.
public sealed partial class OpenSearchVectorIndex : IVectorIndex, ITextSearchIndex
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private static readonly MediaTypeHeaderValue NdjsonType = new("application/x-ndjson");

    private readonly HttpClient _httpClient;
    private readonly OpenSearchOptions _options;
    private readonly ILogger<OpenSearchVectorIndex> _logger;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _created;
    private readonly ConcurrentDictionary<string, long> _lastDatasetCounts = new(StringComparer.Ordinal);
    private long _lastTotalCount;

    public OpenSearchVectorIndex(HttpClient httpClient, IOptions<OpenSearchOptions> options, ILogger<OpenSearchVectorIndex> logger)
    {
        _httpClient = httpClient;
        _options = options.Value;
        _logger = logger;
        if (!string.IsNullOrEmpty(_options.Username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Username}:{_options.Password}"));
            _httpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    /// <summary>Items re-sent after a per-item <c>_bulk</c> failure, since start.</summary>
    public long BulkItemRetries => Interlocked.Read(ref _bulkItemRetries);

    private long _bulkItemRetries;

    /// <summary>Creates the chunk and checkpoint indexes when they do not exist. Safe to call from several silos.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created)
            {
                return;
            }

            await CreateIfMissingAsync(_options.IndexName, ChunkIndexBody(), cancellationToken).ConfigureAwait(false);
            await CreateIfMissingAsync(_options.CheckpointIndexName, CheckpointIndexBody(), cancellationToken)
                .ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _createGate.Release();
        }
    }

    public async Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, IndexCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (_options.IsServerless)
        {
            await UpsertServerlessAsync(chunks, checkpoint, cancellationToken).ConfigureAwait(false);
            return;
        }

        ThrowIfWrongDimension(chunks);
        foreach (var batch in chunks.Chunk(_options.BulkBatchSize))
        {
            // A chunk id repeated in one batch keeps its last version, as two upserts in a row would.
            var lines = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var chunk in batch)
            {
                lines[chunk.ChunkId] = IndexLines(chunk);
            }

            await BulkAsync([.. lines], cancellationToken).ConfigureAwait(false);
        }

        if (checkpoint is not null)
        {
            var body = new JsonObject
            {
                ["dataset"] = checkpoint.Dataset,
                ["run_id"] = checkpoint.RunId,
                ["records_read"] = checkpoint.RecordsRead,
                ["state"] = checkpoint.State,
            };
            var path = $"{_options.CheckpointIndexName}/_doc/{CheckpointId(checkpoint.Dataset, checkpoint.RunId)}";
            using var response = await SendAsync(HttpMethod.Put, path, JsonContent(body), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (_options.IsServerless)
        {
            return await DeleteServerlessAsync(chunkIds, cancellationToken).ConfigureAwait(false);
        }

        var deleted = 0;
        foreach (var batch in chunkIds.Chunk(_options.BulkBatchSize))
        {
            var lines = batch.Distinct(StringComparer.Ordinal)
                .Select(id => KeyValuePair.Create(id, DeleteLine(_options.IndexName, id)))
                .ToList();
            deleted += await BulkAsync(lines, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>
    /// Deletes every chunk of <paramref name="dataset"/> with <c>_delete_by_query</c>, or on Serverless by reading
    /// the document ids and deleting them through <c>_bulk</c>. Returns how many.
    /// </summary>
    public async Task<long> DeleteDatasetAsync(string dataset, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (_options.IsServerless)
        {
            return await DeleteDatasetServerlessAsync(dataset, cancellationToken).ConfigureAwait(false);
        }

        var body = new JsonObject { ["query"] = DatasetFilter(dataset) };
        using var response = await SendAsync(
                HttpMethod.Post,
                $"{_options.IndexName}/_delete_by_query?refresh=true&conflicts=proceed",
                JsonContent(body),
                cancellationToken)
            .ConfigureAwait(false);
        var result = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return result["deleted"]?.GetValue<long>() ?? 0;
    }

    public async Task<IReadOnlyList<VectorMatch>> SearchAsync(
        ReadOnlyMemory<float> query,
        int k,
        string? dataset,
        bool includeText,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (query.Length != _options.Dimension)
        {
            throw new ArgumentException(
                $"The query has {query.Length} dimensions; {OpenSearchOptions.SectionName}:Dimension is {_options.Dimension}.",
                nameof(query));
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var knn = new JsonObject { ["vector"] = VectorArray(query.Span), ["k"] = k };
        if (dataset is not null)
        {
            knn["filter"] = DatasetFilter(dataset);
        }

        JsonArray excludes = includeText ? ["vector"] : ["vector", "text"];
        var body = new JsonObject
        {
            ["size"] = k,
            ["_source"] = new JsonObject { ["excludes"] = excludes },
            ["query"] = new JsonObject { ["knn"] = new JsonObject { ["vector"] = knn } },
        };
        using var response = await SendAsync(HttpMethod.Post, $"{_options.IndexName}/_search", JsonContent(body), cancellationToken)
            .ConfigureAwait(false);
        var result = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return ReadHits(result, includeText, ToSimilarity);
    }

    /// <summary>Ranks chunks by BM25 with a <c>match</c> query on the analysed <c>text</c> field.</summary>
    public async Task<IReadOnlyList<VectorMatch>> SearchTextAsync(
        string query,
        int k,
        string? dataset,
        bool includeText,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var terms = TextQuery.Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var match = new JsonObject { ["match"] = new JsonObject { ["text"] = new JsonObject { ["query"] = string.Join(' ', terms) } } };
        var boolQuery = new JsonObject { ["must"] = new JsonArray(match) };
        if (dataset is not null)
        {
            boolQuery["filter"] = new JsonArray(DatasetFilter(dataset));
        }

        JsonArray excludes = includeText ? ["vector"] : ["vector", "text"];
        var body = new JsonObject
        {
            ["size"] = k,
            ["_source"] = new JsonObject { ["excludes"] = excludes },
            ["query"] = new JsonObject { ["bool"] = boolQuery },
        };
        using var response = await SendAsync(HttpMethod.Post, $"{_options.IndexName}/_search", JsonContent(body), cancellationToken)
            .ConfigureAwait(false);
        var result = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return ReadHits(result, includeText, score => score);
    }

    /// <summary>
    /// Returns the count read by the last <see cref="CountAsync"/> on this silo for the same dataset (or the total),
    /// or 0 when none was read.
    /// </summary>
    /// <remarks>NOTE: other silos' writes show up only after the next <see cref="CountAsync"/> call here.</remarks>
    public long Count(string? dataset = null) =>
        dataset is null ? Interlocked.Read(ref _lastTotalCount) : _lastDatasetCounts.GetValueOrDefault(dataset);

    public async Task<long> CountAsync(string? dataset, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var body = new JsonObject();
        if (dataset is not null)
        {
            body["query"] = DatasetFilter(dataset);
        }

        using var response = await SendAsync(HttpMethod.Post, $"{_options.IndexName}/_count", JsonContent(body), cancellationToken)
            .ConfigureAwait(false);
        var count = (await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false))["count"]!.GetValue<long>();
        if (dataset is null)
        {
            Interlocked.Exchange(ref _lastTotalCount, count);
        }
        else
        {
            _lastDatasetCounts[dataset] = count;
        }

        return count;
    }

    public async Task<IndexCheckpoint?> GetCheckpointAsync(string dataset, string runId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (_options.IsServerless)
        {
            return await GetCheckpointServerlessAsync(dataset, runId, cancellationToken).ConfigureAwait(false);
        }

        var path = $"{_options.CheckpointIndexName}/_doc/{CheckpointId(dataset, runId)}";
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken, allowNotFound: true)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var source = (await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false))["_source"]!;
        return new IndexCheckpoint(
            (string)source["dataset"]!,
            (string)source["run_id"]!,
            source["records_read"]!.GetValue<long>(),
            (string)source["state"]!);
    }

    /// <summary>
    /// Refreshes the chunk index, so the chunks written so far are visible to search and count, then reads the
    /// total count. Serverless has no <c>_refresh</c>, so there only the count is read.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (!_options.IsServerless)
        {
            using var response = await SendAsync(HttpMethod.Post, $"{_options.IndexName}/_refresh", null, cancellationToken)
                .ConfigureAwait(false);
        }

        await CountAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends NDJSON <c>_bulk</c> requests until every item succeeded, re-sending only the failed items up to
    /// <see cref="OpenSearchOptions.MaxRetryAttempts"/> times. Returns the items that succeeded, where a delete of a
    /// missing id does not count. Each entry of <paramref name="items"/> is one action with its NDJSON lines, keyed by
    /// the id it concerns. Replies are matched to items by position, because the <c>_bulk</c> reply lists its items in
    /// request order and an index action without <c>_id</c> gets an id only in the reply.
    /// </summary>
    private async Task<int> BulkAsync(IReadOnlyList<KeyValuePair<string, string>> items, CancellationToken cancellationToken)
    {
        var pending = items;
        var succeeded = 0;
        for (var attempt = 0; ; attempt++)
        {
            var body = new StringBuilder();
            foreach (var (_, lines) in pending)
            {
                body.Append(lines);
            }

            var content = new StringContent(body.ToString(), Encoding.UTF8);
            content.Headers.ContentType = NdjsonType;
            using var response = await SendAsync(HttpMethod.Post, "_bulk", content, cancellationToken).ConfigureAwait(false);
            var result = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);

            var replies = result["items"]?.AsArray() ?? [];
            if (replies.Count != pending.Count)
            {
                throw new OpenSearchException(
                    $"OpenSearch answered a _bulk request of {pending.Count} items with {replies.Count} item results.",
                    response.StatusCode,
                    null);
            }

            var failed = new List<KeyValuePair<string, string>>();
            (int Status, string? Type, string? Reason) permanent = default;
            string? permanentAction = null;
            for (var position = 0; position < replies.Count; position++)
            {
                var (action, outcome) = replies[position]!.AsObject().First();
                var status = outcome!["status"]!.GetValue<int>();
                if (status is >= 200 and < 300)
                {
                    succeeded++;
                }
                else if (status == 404 && action == "delete")
                {
                    // The chunk was already gone.
                }
                else if (status is 429 or >= 500)
                {
                    failed.Add(pending[position]);
                }
                else
                {
                    permanent = (status, (string?)outcome["error"]?["type"], (string?)outcome["error"]?["reason"]);
                    permanentAction = action;
                }
            }

            if (permanent.Status != 0)
            {
                OpenSearchLog.BulkRejected(_logger, _options.IndexName, permanent.Status, permanent.Type);
                throw new OpenSearchException(
                    $"OpenSearch rejected a _bulk {permanentAction} into '{_options.IndexName}' with {permanent.Status} " +
                    $"{permanent.Type}: {permanent.Reason}. Check the index mapping against {OpenSearchOptions.SectionName}.",
                    (HttpStatusCode)permanent.Status,
                    permanent.Type);
            }

            if (failed.Count == 0)
            {
                return succeeded;
            }

            if (attempt >= _options.MaxRetryAttempts)
            {
                throw new OpenSearchException(
                    $"{failed.Count} _bulk items into '{_options.IndexName}' still failed after {attempt + 1} attempts.",
                    HttpStatusCode.TooManyRequests,
                    null);
            }

            Interlocked.Add(ref _bulkItemRetries, failed.Count);
            OpenSearchLog.BulkItemsRetried(_logger, _options.IndexName, failed.Count, attempt + 1);
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            pending = failed;
        }
    }

    /// <summary>
    /// Sends one request, retrying 429, 5xx and timeouts with exponential backoff; other failures raise
    /// <see cref="OpenSearchException"/> with the error type and reason from the body.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        CancellationToken cancellationToken,
        bool allowNotFound = false)
    {
        var payload = content is null ? null : await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var contentType = content?.Headers.ContentType;
        content?.Dispose();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (payload is not null)
            {
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.ContentType = contentType;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            HttpResponseMessage response;
            try
            {
                response = await _httpClient.SendAsync(request, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (
                !cancellationToken.IsCancellationRequested && exception is OperationCanceledException or HttpRequestException)
            {
                if (attempt >= _options.MaxRetryAttempts)
                {
                    throw new OpenSearchException(
                        $"OpenSearch {method} {path} failed after {attempt + 1} attempts: {exception.Message}",
                        null,
                        exception is OperationCanceledException ? "timeout" : "connection",
                        exception);
                }

                OpenSearchLog.RequestRetried(_logger, method.Method, path, 0, attempt + 1);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || (allowNotFound && status == 404))
            {
                return response;
            }

            if ((status is 429 or >= 500) && attempt < _options.MaxRetryAttempts)
            {
                response.Dispose();
                OpenSearchLog.RequestRetried(_logger, method.Method, path, status, attempt + 1);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                string? type = null;
                string? reason = null;
                try
                {
                    var error = JsonNode.Parse(text)?["error"];
                    type = error is JsonObject ? (string?)error["type"] : null;
                    reason = error is JsonObject ? (string?)error["reason"] : (string?)error;
                }
                catch (JsonException)
                {
                    reason = text.Length > 200 ? text[..200] : text;
                }

                // The reason of a failed query may quote the query, which contains a patient's words. Callers log the
                // exception, so such reasons stay out of it.
                if (path.EndsWith("/_search", StringComparison.Ordinal))
                {
                    reason = "the reason is left out because it may quote the query; the error type names the cause";
                }

                OpenSearchLog.RequestFailed(_logger, method.Method, path, status, type);
                throw new OpenSearchException(
                    $"OpenSearch {method} {path} failed with {status}{(type is null ? "" : " " + type)}" +
                    $"{(string.IsNullOrEmpty(reason) ? "" : ": " + reason)}{CredentialHint(status)}",
                    response.StatusCode,
                    type);
            }
        }
    }

    private async Task CreateIfMissingAsync(string index, JsonObject body, CancellationToken cancellationToken)
    {
        using (var head = await SendAsync(HttpMethod.Head, index, null, cancellationToken, allowNotFound: true).ConfigureAwait(false))
        {
            if (head.StatusCode != HttpStatusCode.NotFound)
            {
                return;
            }
        }

        try
        {
            using var created = await SendAsync(HttpMethod.Put, index, JsonContent(body), cancellationToken).ConfigureAwait(false);
            OpenSearchLog.IndexCreated(_logger, index);
        }
        catch (OpenSearchException exception) when (exception.ErrorType == "resource_already_exists_exception")
        {
            // Another silo created it between the check and the request.
        }
    }

    private JsonObject ChunkIndexBody() => new()
    {
        ["settings"] = new JsonObject { ["index"] = new JsonObject { ["knn"] = true } },
        ["mappings"] = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["vector"] = new JsonObject
                {
                    ["type"] = "knn_vector",
                    ["dimension"] = _options.Dimension,
                    ["method"] = new JsonObject
                    {
                        ["name"] = "hnsw",
                        ["engine"] = _options.Engine,
                        ["space_type"] = _options.SpaceType,
                    },
                },
                ["chunk_id"] = new JsonObject { ["type"] = "keyword" },
                ["dataset"] = new JsonObject { ["type"] = "keyword" },
                ["record_id"] = new JsonObject { ["type"] = "keyword" },
                ["kind"] = new JsonObject { ["type"] = "keyword" },
                // Analysed for the BM25 side of rank fusion; the english analyser stems as the embedded index does.
                ["text"] = new JsonObject { ["type"] = "text", ["analyzer"] = "english" },
                ["title"] = new JsonObject { ["type"] = "keyword", ["index"] = false },
                ["url"] = new JsonObject { ["type"] = "keyword", ["index"] = false },
                ["age_years"] = new JsonObject { ["type"] = "float" },
                ["gender"] = new JsonObject { ["type"] = "keyword" },
            },
        },
    };

    private static JsonObject CheckpointIndexBody() => new()
    {
        ["mappings"] = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["checkpoint_id"] = new JsonObject { ["type"] = "keyword" },
                ["dataset"] = new JsonObject { ["type"] = "keyword" },
                ["run_id"] = new JsonObject { ["type"] = "keyword" },
                ["records_read"] = new JsonObject { ["type"] = "long" },
                ["state"] = new JsonObject { ["type"] = "keyword", ["index"] = false },
            },
        },
    };

    private string IndexLines(IndexedChunk chunk) => IndexLines(_options.IndexName, chunk.ChunkId, ChunkSource(chunk));

    /// <summary>Returns an index action and its source line; a null <paramref name="id"/> lets the server assign one.</summary>
    private static string IndexLines(string index, string? id, JsonObject source)
    {
        var metadata = new JsonObject { ["_index"] = index };
        if (id is not null)
        {
            metadata["_id"] = id;
        }

        return new JsonObject { ["index"] = metadata }.ToJsonString() + "\n" + source.ToJsonString() + "\n";
    }

    private static string DeleteLine(string index, string id) =>
        new JsonObject { ["delete"] = new JsonObject { ["_index"] = index, ["_id"] = id } }.ToJsonString() + "\n";

    private static JsonObject ChunkSource(IndexedChunk chunk)
    {
        return new JsonObject
        {
            ["chunk_id"] = chunk.ChunkId,
            ["dataset"] = chunk.Dataset,
            ["record_id"] = chunk.RecordId,
            ["kind"] = chunk.Kind.ToString(),
            ["text"] = chunk.Text,
            ["title"] = chunk.Title,
            ["url"] = chunk.Url,
            ["age_years"] = chunk.AgeYears,
            ["gender"] = chunk.Gender,
            ["vector"] = VectorArray(chunk.Vector.Span),
        };
    }

    private void ThrowIfWrongDimension(IReadOnlyList<IndexedChunk> chunks)
    {
        foreach (var chunk in chunks)
        {
            if (chunk.Vector.Length != _options.Dimension)
            {
                throw new ArgumentException(
                    $"Chunk '{chunk.ChunkId}' has {chunk.Vector.Length} dimensions, but {OpenSearchOptions.SectionName}:" +
                    $"Dimension is {_options.Dimension}.",
                    nameof(chunks));
            }
        }
    }

    private static List<VectorMatch> ReadHits(JsonNode result, bool includeText, Func<double, double> score)
    {
        var matches = new List<VectorMatch>();
        foreach (var hit in result["hits"]?["hits"]?.AsArray() ?? [])
        {
            var source = hit!["_source"]!;

            // Serverless assigns its own document ids, so the chunk id is read from the source where it is stored.
            matches.Add(new VectorMatch(
                (string?)source["chunk_id"] ?? (string)hit["_id"]!,
                (string)source["dataset"]!,
                (string)source["record_id"]!,
                Enum.Parse<ReferenceKind>((string)source["kind"]!),
                (string?)source["title"],
                (string?)source["url"],
                (double?)source["age_years"],
                (string?)source["gender"],
                includeText ? (string?)source["text"] ?? string.Empty : string.Empty,
                score(hit["_score"]!.GetValue<double>())));
        }

        return matches;
    }

    private static JsonObject DatasetFilter(string dataset) =>
        new() { ["term"] = new JsonObject { ["dataset"] = dataset } };

    private static JsonArray VectorArray(ReadOnlySpan<float> vector)
    {
        var array = new JsonArray();
        foreach (var value in vector)
        {
            array.Add(value);
        }

        return array;
    }

    private static string CheckpointId(string dataset, string runId) => Uri.EscapeDataString($"{dataset}:{runId}");

    private static StringContent JsonContent(JsonNode body)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = JsonType;
        return content;
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("OpenSearch returned an empty JSON body.");
    }

    /// <summary>
    /// Converts the OpenSearch k-NN score back to the cosine similarity the embedded index reports, by inverting the
    /// score formulas of the OpenSearch 2.x k-NN "Spaces" page. cosinesimil scores (2 - d) / 2 with d = 1 - cos.
    /// innerproduct scores ip + 1 when ip is above 0 and 1 / (1 - ip) otherwise, for faiss and lucene alike.
    /// l2 scores 1 / (1 + d) with d the squared distance, and d = 2 - 2 cos for unit-length vectors.
    /// </summary>
    /// <remarks>NOTE: innerproduct and l2 equal cosine only when the embedder returns unit-length vectors.</remarks>
    private double ToSimilarity(double score) => _options.SpaceType switch
    {
        "cosinesimil" => (2 * score) - 1,
        "innerproduct" => score >= 1 ? score - 1 : 1 - (1 / score),
        _ => 1 - (((1 / score) - 1) / 2),
    };

    /// <summary>Returns what to check after a 401 or 403, which no retry can fix; empty for other statuses.</summary>
    private string CredentialHint(int status) => (status, string.IsNullOrEmpty(_options.Username)) switch
    {
        (401, false) => $". The cluster rejected the basic-auth credentials: check {OpenSearchOptions.SectionName}:Username " +
            "and Password.",
        (401 or 403, true) => $". The SigV4-signed request was rejected: check the AWS credentials, " +
            $"{OpenSearchOptions.SectionName}:Region and Service, and the domain's or collection's access policy.",
        (403, false) => $". The user in {OpenSearchOptions.SectionName}:Username lacks a permission this request needs.",
        _ => string.Empty,
    };

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(_options.RetryBaseDelay.Ticks * (1L << Math.Min(attempt, 10)));
}
