using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedifyAI.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MedifyAI.Tests.Fakes;

/// <summary>
/// An OpenSearch stand-in on Kestrel at 127.0.0.1 with a free port. It authenticates every request as its
/// <see cref="FakeOpenSearchMode"/> requires (SigV4 for service es or aoss, or basic auth), checks index creation,
/// <c>_bulk</c> NDJSON framing, k-NN and sorted <c>search_after</c> query bodies against the shapes the OpenSearch 2.x
/// documentation gives, runs exact k-NN over the stored vectors, and injects queued faults.
/// </summary>
/// <remarks>
/// Writes are visible at once, as if every request carried <c>refresh=true</c>, in every mode; real Serverless
/// collections show writes only after a delay. Query support is limited to the clauses the index sends:
/// <c>term</c>, <c>terms</c>, <c>bool.filter</c>/<c>must</c>, <c>match_all</c>, and one <c>match</c> in a
/// <c>bool.must</c> for BM25 search.
/// </remarks>
public sealed class FakeOpenSearch : IAsyncDisposable
{
    public const string AccessKey = FakeAwsAccount.AccessKey;
    public const string SecretKey = FakeAwsAccount.SecretKey;
    public const string Region = FakeAwsAccount.Region;
    public const string Service = "es";
    public const string ServerlessService = "aoss";
    public const string Username = "medifyai";
    public const string Password = "fake-basic-auth-password";

    /// <summary>Reason of the 400 Serverless vector search collections return for an index action with an id.</summary>
    public const string DocumentIdNotSupported = "Document ID is not supported in create/index operation request";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeOpenSearchFault> _faults = new();
    private readonly ConcurrentDictionary<string, FakeOpenSearchIndex> _indexes = new(StringComparer.Ordinal);
    private long _requestCount;
    private long _requestBytes;
    private long _nextGeneratedId;

    private FakeOpenSearch(WebApplication app, FakeOpenSearchMode mode)
    {
        _app = app;
        Mode = mode;
    }

    public FakeOpenSearchMode Mode { get; }

    /// <summary>Base URL, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How long <see cref="FakeOpenSearchFault.SlowResponse"/> waits.</summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests received since start or the last <see cref="ResetCounters"/>, including rejected ones.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>Request body bytes received since start or the last <see cref="ResetCounters"/>.</summary>
    public long RequestBytes => Interlocked.Read(ref _requestBytes);

    /// <summary>Request lines (<c>METHOD path</c>) received, in order.</summary>
    public ConcurrentQueue<string> RequestLines { get; } = new();

    /// <summary>Requests rejected for a bad signature or an invalid body, with the reason.</summary>
    public ConcurrentQueue<string> Rejections { get; } = new();

    /// <summary>Bodies of the <c>_search</c> requests received, in order.</summary>
    public ConcurrentQueue<string> SearchBodies { get; } = new();

    public IReadOnlyDictionary<string, FakeOpenSearchIndex> Indexes => _indexes;

    /// <summary>Creates an index from a creation body without a request, as one left by an earlier deployment.</summary>
    public void CreateIndex(string name, string body) =>
        _indexes[name] = new FakeOpenSearchIndex(name, JsonNode.Parse(body)!.AsObject());

    public static async Task<FakeOpenSearch> StartAsync(FakeOpenSearchMode mode = FakeOpenSearchMode.Managed)
    {
        var app = LoopbackWebApp.Create();
        var fake = new FakeOpenSearch(app, mode);
        app.Run(fake.HandleAsync);
        fake.BaseUrl = await LoopbackWebApp.StartAsync(app);
        return fake;
    }

    /// <summary>Queues a fault for the next request. Several faults apply to successive requests.</summary>
    public void EnqueueFault(FakeOpenSearchFault fault) => _faults.Enqueue(fault);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _requestCount, 0);
        Interlocked.Exchange(ref _requestBytes, 0);
    }

    /// <summary>Number of documents in <paramref name="index"/>, or 0 when it does not exist.</summary>
    public int DocumentCount(string index)
    {
        if (!_indexes.TryGetValue(index, out var stored))
        {
            return 0;
        }

        lock (stored.Documents)
        {
            return stored.Documents.Count;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        Interlocked.Increment(ref _requestCount);
        Interlocked.Add(ref _requestBytes, body.Length);
        var method = context.Request.Method;
        var segments = context.Request.Path.Value!.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString)
            .ToArray();
        RequestLines.Enqueue($"{method} {context.Request.Path}");

        if (Mode == FakeOpenSearchMode.BasicAuth)
        {
            var authenticationError = VerifyBasicAuth(context);
            if (authenticationError is not null)
            {
                // The security plugin returns 401 with a challenge and a plain-text body.
                Rejections.Enqueue(authenticationError);
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"OpenSearch Security\"";
                context.Response.ContentType = "text/plain; charset=UTF-8";
                await context.Response.WriteAsync("Unauthorized", context.RequestAborted);
                return;
            }
        }
        else
        {
            var signatureError = VerifySignature(context, body, Mode == FakeOpenSearchMode.Serverless ? ServerlessService : Service);
            if (signatureError is not null)
            {
                Rejections.Enqueue(signatureError);
                await WriteRawAsync(context, 403, new JsonObject { ["message"] = signatureError });
                return;
            }
        }

        if (Mode == FakeOpenSearchMode.Serverless && UnsupportedOnServerless(method, segments, context.Request.Query) is { } unsupported)
        {
            // TODO: the AWS documentation lists the supported operations but not the reply to others; 404 is a guess.
            Rejections.Enqueue(unsupported);
            await WriteRawAsync(context, 404, new JsonObject { ["message"] = unsupported });
            return;
        }

        FakeOpenSearchFault? fault = _faults.TryDequeue(out var queued) ? queued : null;
        switch (fault)
        {
            case FakeOpenSearchFault.Throttling:
                await WriteErrorAsync(context, 429, "es_rejected_execution_exception", "rejected execution of write request");
                return;
            case FakeOpenSearchFault.ServiceUnavailable:
                await WriteErrorAsync(context, 503, "cluster_block_exception", "blocked by: [SERVICE_UNAVAILABLE/2/no master]");
                return;
            case FakeOpenSearchFault.SlowResponse:
                try
                {
                    await Task.Delay(SlowResponseDelay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                break;
        }

        try
        {
            await RouteAsync(context, method, segments, body, fault);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            Rejections.Enqueue(exception.Message);
            await WriteErrorAsync(context, 400, "parsing_exception", exception.Message);
        }
    }

    private Task RouteAsync(HttpContext context, string method, string[] segments, byte[] body, FakeOpenSearchFault? fault)
    {
        return (method, segments) switch
        {
            ("POST", ["_bulk"]) => BulkAsync(context, body, fault),
            ("HEAD", [var index]) => WriteStatusAsync(context, _indexes.ContainsKey(index) ? 200 : 404),
            ("PUT", [var index]) => CreateIndexAsync(context, index, body),
            ("PUT", [var index, "_doc", var id]) => PutDocumentAsync(context, index, id, body),
            ("POST", [var index, "_doc"]) => PutDocumentAsync(context, index, null, body),
            ("GET", [var index, "_doc", var id]) => GetDocumentAsync(context, index, id),
            ("POST", [var index, "_search"]) => SearchAsync(context, index, body),
            ("POST", [var index, "_count"]) => CountAsync(context, index, body),
            ("POST", [var index, "_delete_by_query"]) => DeleteByQueryAsync(context, index, body),
            ("POST", [var index, "_refresh"]) => RefreshAsync(context, index),
            _ => WriteErrorAsync(context, 405, "illegal_argument_exception", $"Incorrect HTTP method for uri [{context.Request.Path}] and method [{method}]"),
        };
    }

    private async Task CreateIndexAsync(HttpContext context, string name, byte[] body)
    {
        if (!RequireJson(context, out var error))
        {
            await Reject(context, 406, "content_type_exception", error);
            return;
        }

        var request = JsonNode.Parse(body)!.AsObject();
        var properties = request["mappings"]?["properties"]?.AsObject();
        if (properties is null || properties.Count == 0)
        {
            await Reject(context, 400, "mapper_parsing_exception", "mappings.properties is missing or empty");
            return;
        }

        foreach (var (field, mapping) in properties)
        {
            if ((string?)mapping?["type"] is not { } type)
            {
                await Reject(context, 400, "mapper_parsing_exception", $"No type specified for field [{field}]");
                return;
            }

            if (type == "text" && (string?)mapping["analyzer"] is { } analyzer && !FakeOpenSearchBm25.IsBuiltInAnalyzer(analyzer))
            {
                await Reject(context, 400, "mapper_parsing_exception", $"analyzer [{analyzer}] has not been configured in mappings");
                return;
            }

            if (type != "knn_vector")
            {
                continue;
            }

            if (request["settings"]?["index"]?["knn"]?.GetValueKind() != JsonValueKind.True)
            {
                await Reject(context, 400, "mapper_parsing_exception", "knn_vector fields need settings.index.knn = true");
                return;
            }

            if (mapping["dimension"] is not JsonValue dimension || dimension.GetValueKind() != JsonValueKind.Number
                || (int)dimension is < 1 or > 16_000)
            {
                await Reject(context, 400, "mapper_parsing_exception", $"Dimension value missing or out of range for vector: [{field}]");
                return;
            }

            var method = mapping["method"];
            if ((string?)method?["name"] != "hnsw"
                || (string?)method["engine"] is not ("faiss" or "lucene" or "nmslib")
                || (string?)method["space_type"] is not ("cosinesimil" or "innerproduct" or "l2"))
            {
                await Reject(context, 400, "mapper_parsing_exception", $"Invalid method for knn_vector field [{field}]");
                return;
            }
        }

        if (!_indexes.TryAdd(name, new FakeOpenSearchIndex(name, request)))
        {
            await WriteErrorAsync(context, 400, "resource_already_exists_exception", $"index [{name}/uuid] already exists");
            return;
        }

        await WriteRawAsync(context, 200, new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = name });
    }

    private async Task PutDocumentAsync(HttpContext context, string name, string? id, byte[] body)
    {
        if (!RequireJson(context, out var error))
        {
            await Reject(context, 406, "content_type_exception", error);
            return;
        }

        if (id is not null && Mode == FakeOpenSearchMode.Serverless)
        {
            await Reject(context, 400, "illegal_argument_exception", DocumentIdNotSupported);
            return;
        }

        id ??= GenerateId();

        var index = await RequireIndexAsync(context, name);
        if (index is null)
        {
            return;
        }

        bool created;
        lock (index.Documents)
        {
            created = !index.Documents.ContainsKey(id);
            index.Documents[id] = JsonNode.Parse(body)!.AsObject();
        }

        await WriteRawAsync(context, created ? 201 : 200, new JsonObject
        {
            ["_index"] = name,
            ["_id"] = id,
            ["result"] = created ? "created" : "updated",
        });
    }

    private async Task GetDocumentAsync(HttpContext context, string name, string id)
    {
        var index = await RequireIndexAsync(context, name);
        if (index is null)
        {
            return;
        }

        JsonObject? source;
        lock (index.Documents)
        {
            source = index.Documents.TryGetValue(id, out var stored) ? (JsonObject)stored.DeepClone() : null;
        }

        var response = new JsonObject { ["_index"] = name, ["_id"] = id, ["found"] = source is not null };
        if (source is not null)
        {
            response["_source"] = source;
        }

        await WriteRawAsync(context, source is null ? 404 : 200, response);
    }

    private async Task BulkAsync(HttpContext context, byte[] body, FakeOpenSearchFault? fault)
    {
        if (context.Request.ContentType is not { } contentType || !contentType.StartsWith("application/x-ndjson", StringComparison.Ordinal))
        {
            await Reject(context, 406, "content_type_exception", $"_bulk needs Content-Type application/x-ndjson, was [{context.Request.ContentType}]");
            return;
        }

        var text = Encoding.UTF8.GetString(body);
        if (!text.EndsWith('\n'))
        {
            await Reject(context, 400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]");
            return;
        }

        var lines = text[..^1].Split('\n');
        var items = new JsonArray();
        var position = 0;
        var itemNumber = 0;
        while (position < lines.Length)
        {
            var actionLine = JsonNode.Parse(lines[position++])!.AsObject();
            if (actionLine.Count != 1)
            {
                await Reject(context, 400, "illegal_argument_exception", $"Malformed action/metadata line [{position}]");
                return;
            }

            var (action, metadata) = actionLine.First();
            var indexName = (string?)metadata?["_index"];
            var id = (string?)metadata?["_id"];
            if (action is not ("index" or "create" or "delete") || indexName is null || (id is null && action == "delete"))
            {
                await Reject(context, 400, "illegal_argument_exception", $"Malformed action/metadata line [{position}]");
                return;
            }

            JsonObject? source = null;
            if (action != "delete")
            {
                if (position >= lines.Length)
                {
                    await Reject(context, 400, "illegal_argument_exception", $"The {action} action on line [{position}] has no source line");
                    return;
                }

                source = JsonNode.Parse(lines[position++])!.AsObject();
            }

            var customId = action != "delete" && id is not null;
            id ??= GenerateId();
            var failed = (fault == FakeOpenSearchFault.PartialBulkFailure && itemNumber % 2 == 0)
                ? (429, "es_rejected_execution_exception", "rejected execution of bulk item")
                : (fault == FakeOpenSearchFault.MappingError && itemNumber == 0)
                    ? (400, "mapper_parsing_exception", "failed to parse field [vector] of type [knn_vector]")
                    : (customId && Mode == FakeOpenSearchMode.Serverless)
                        ? (400, "illegal_argument_exception", DocumentIdNotSupported)
                        : ApplyBulkItem(indexName, id, action, source);
            itemNumber++;
            var outcome = new JsonObject { ["_index"] = indexName, ["_id"] = id, ["status"] = failed.Item1 };
            if (failed.Item2 is not null)
            {
                outcome["error"] = new JsonObject { ["type"] = failed.Item2, ["reason"] = failed.Item3, ["index"] = indexName };
            }
            else
            {
                outcome["result"] = failed.Item3;
                outcome["_version"] = 1;
            }

            items.Add(new JsonObject { [action] = outcome });
        }

        var errors = items.Any(item => item!.AsObject().First().Value!["error"] is not null);
        await WriteRawAsync(context, 200, new JsonObject { ["took"] = 1, ["errors"] = errors, ["items"] = items });
    }

    /// <summary>Applies one bulk item; returns its status, error type (null on success) and reason or result.</summary>
    private (int, string?, string) ApplyBulkItem(string indexName, string id, string action, JsonObject? source)
    {
        if (!_indexes.TryGetValue(indexName, out var index))
        {
            return (404, "index_not_found_exception", $"no such index [{indexName}]");
        }

        if (source is not null && index.VectorField is { } vectorField)
        {
            var vector = source[vectorField.Field] as JsonArray;
            if (vector is null || vector.Count != vectorField.Dimension)
            {
                return (400, "mapper_parsing_exception",
                    $"Vector dimension mismatch. Expected: {vectorField.Dimension}, Given: {vector?.Count ?? 0}");
            }
        }

        lock (index.Documents)
        {
            var exists = index.Documents.ContainsKey(id);
            switch (action)
            {
                case "delete":
                    return index.Documents.Remove(id) ? (200, null, "deleted") : (404, null, "not_found");
                case "create" when exists:
                    return (409, "version_conflict_engine_exception", $"[{id}]: version conflict, document already exists");
                default:
                    index.Documents[id] = source!;
                    return exists ? (200, null, "updated") : (201, null, "created");
            }
        }
    }

    private async Task SearchAsync(HttpContext context, string name, byte[] body)
    {
        if (!RequireJson(context, out var error))
        {
            await Reject(context, 406, "content_type_exception", error);
            return;
        }

        var index = await RequireIndexAsync(context, name);
        if (index is null)
        {
            return;
        }

        SearchBodies.Enqueue(Encoding.UTF8.GetString(body));
        var request = JsonNode.Parse(body)!.AsObject();
        if (request["query"]?["bool"] is JsonObject boolQuery)
        {
            await TextSearchAsync(context, index, request, boolQuery);
            return;
        }

        if (request["query"]?["knn"] is null)
        {
            await SortedSearchAsync(context, index, request);
            return;
        }

        var knnClause = request["query"]?["knn"]?.AsObject();
        if (knnClause is null || knnClause.Count != 1 || index.VectorField is not { } vectorField)
        {
            await Reject(context, 400, "parsing_exception", "query.knn must name exactly one knn_vector field");
            return;
        }

        var (field, knn) = knnClause.First();
        var vector = knn?["vector"]?.AsArray().Select(v => (float)v!).ToArray();
        if (field != vectorField.Field || vector is null || vector.Length != vectorField.Dimension)
        {
            await Reject(context, 400, "illegal_argument_exception",
                $"Query vector has invalid dimension: {vector?.Length ?? 0}. Dimension should be: {vectorField.Dimension}");
            return;
        }

        if (knn!["k"] is not JsonValue kValue || kValue.GetValueKind() != JsonValueKind.Number || (int)kValue < 1)
        {
            await Reject(context, 400, "illegal_argument_exception", "k must be a positive integer");
            return;
        }

        var k = (int)kValue;
        var filter = knn["filter"];
        var size = request["size"] is JsonValue sizeValue ? (int)sizeValue : 10;
        var excludes = request["_source"]?["excludes"]?.AsArray().Select(e => (string)e!).ToHashSet() ?? [];

        List<(string Id, double Score, JsonObject Source)> scored;
        lock (index.Documents)
        {
            scored = index.Documents
                .Where(pair => filter is null || Matches(filter, pair.Value))
                .Select(pair => (pair.Key, Score(vectorField.SpaceType, vector, pair.Value[field]!.AsArray()), pair.Value))
                .OrderByDescending(hit => hit.Item2)
                .Take(Math.Min(k, size))
                .Select(hit => (hit.Key, hit.Item2, (JsonObject)hit.Value.DeepClone()))
                .ToList();
        }

        await WriteHitsAsync(context, name, scored, excludes);
    }

    /// <summary>
    /// Runs a <c>bool</c> query whose <c>must</c> contains one <c>match</c> on a text field, scored by BM25 over the
    /// index, with optional <c>term</c> filters.
    /// </summary>
    private async Task TextSearchAsync(HttpContext context, FakeOpenSearchIndex index, JsonObject request, JsonObject boolQuery)
    {
        if (boolQuery["must"] is not JsonArray { Count: 1 } must || must[0]?["match"] is not JsonObject { Count: 1 } match)
        {
            await Reject(context, 400, "parsing_exception", "this fake answers bool queries with exactly one match clause in must");
            return;
        }

        var (field, clause) = match.First();
        var mapping = index.Body["mappings"]?["properties"]?[field];
        if ((string?)mapping?["type"] != "text")
        {
            await Reject(context, 400, "query_shard_exception", $"failed to create query: field [{field}] is not a text field");
            return;
        }

        if (mapping["index"]?.GetValueKind() == JsonValueKind.False)
        {
            await Reject(context, 400, "query_shard_exception", $"failed to create query: Cannot search on field [{field}] since it is not indexed. Query: {clause?.ToJsonString()}");
            return;
        }

        var text = clause is JsonObject withQuery ? withQuery["query"] : clause;
        if (text is not JsonValue textValue || textValue.GetValueKind() != JsonValueKind.String)
        {
            await Reject(context, 400, "parsing_exception", $"[match] query on [{field}] needs a string query");
            return;
        }

        var filters = boolQuery["filter"] as JsonArray ?? [];
        var size = request["size"] is JsonValue sizeValue ? (int)sizeValue : 10;
        var excludes = request["_source"]?["excludes"]?.AsArray().Select(e => (string)e!).ToHashSet() ?? [];
        List<(string Id, double Score, JsonObject Source)> scored;
        lock (index.Documents)
        {
            scored = FakeOpenSearchBm25.Score(index.Documents, field, (string)textValue!)
                .Where(hit => filters.All(filter => Matches(filter!, index.Documents[hit.Id])))
                .OrderByDescending(hit => hit.Score)
                .ThenBy(hit => hit.Id, StringComparer.Ordinal)
                .Take(size)
                .Select(hit => (hit.Id, hit.Score, (JsonObject)index.Documents[hit.Id].DeepClone()))
                .ToList();
        }

        await WriteHitsAsync(context, index.Name, scored, excludes);
    }

    private static async Task WriteHitsAsync(
        HttpContext context,
        string name,
        List<(string Id, double Score, JsonObject Source)> scored,
        HashSet<string> excludes)
    {
        var hits = new JsonArray();
        foreach (var (id, score, source) in scored)
        {
            foreach (var excluded in excludes)
            {
                source.Remove(excluded);
            }

            hits.Add(new JsonObject { ["_index"] = name, ["_id"] = id, ["_score"] = score, ["_source"] = source });
        }

        await WriteRawAsync(context, 200, new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = Shards(),
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = scored.Count, ["relation"] = "eq" },
                ["max_score"] = scored.Count == 0 ? null : scored[0].Score,
                ["hits"] = hits,
            },
        });
    }

    private async Task CountAsync(HttpContext context, string name, byte[] body)
    {
        var index = await RequireIndexAsync(context, name);
        if (index is null)
        {
            return;
        }

        var query = body.Length == 0 ? null : JsonNode.Parse(body)?["query"];
        int count;
        lock (index.Documents)
        {
            count = index.Documents.Values.Count(source => query is null || Matches(query, source));
        }

        await WriteRawAsync(context, 200, new JsonObject { ["count"] = count, ["_shards"] = Shards() });
    }

    private async Task DeleteByQueryAsync(HttpContext context, string name, byte[] body)
    {
        var index = await RequireIndexAsync(context, name);
        if (index is null)
        {
            return;
        }

        var query = JsonNode.Parse(body)?["query"] ?? throw new JsonException("_delete_by_query needs a query");
        int deleted;
        lock (index.Documents)
        {
            var ids = index.Documents.Where(pair => Matches(query, pair.Value)).Select(pair => pair.Key).ToList();
            ids.ForEach(id => index.Documents.Remove(id));
            deleted = ids.Count;
        }

        await WriteRawAsync(context, 200, new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["total"] = deleted,
            ["deleted"] = deleted,
            ["batches"] = 1,
            ["version_conflicts"] = 0,
            ["failures"] = new JsonArray(),
        });
    }

    /// <summary>
    /// Serves a <c>_search</c> without k-NN: filter by the query, sort on one mapped non-text field, skip up to and
    /// including <c>search_after</c>, take <c>size</c>, and shape <c>_source</c> as requested.
    /// </summary>
    private async Task SortedSearchAsync(HttpContext context, FakeOpenSearchIndex index, JsonObject request)
    {
        var query = request["query"] ?? new JsonObject { ["match_all"] = new JsonObject() };
        var size = request["size"] is JsonValue sizeValue ? (int)sizeValue : 10;
        if (size is < 0 or > 10_000)
        {
            await Reject(context, 400, "illegal_argument_exception", $"Result window is too large, size [{size}] is above [10000]");
            return;
        }

        string? sortField = null;
        var descending = false;
        if (request["sort"] is JsonArray sort)
        {
            if (sort.Count != 1 || sort[0] is not JsonObject sortClause || sortClause.Count != 1)
            {
                await Reject(context, 400, "parsing_exception", "the fake supports exactly one sort field");
                return;
            }

            var (field, order) = sortClause.First();
            var orderText = order is JsonObject withOrder ? (string?)withOrder["order"] : (string?)order;
            if (orderText is not ("asc" or "desc"))
            {
                await Reject(context, 400, "parsing_exception", $"[sort] order must be asc or desc, was [{orderText}]");
                return;
            }

            var mappingType = (string?)index.Body["mappings"]?["properties"]?[field]?["type"];
            if (mappingType is null)
            {
                await Reject(context, 400, "query_shard_exception", $"No mapping found for [{field}] in order to sort on");
                return;
            }

            if (mappingType is "text" or "knn_vector")
            {
                await Reject(context, 400, "illegal_argument_exception",
                    $"Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. [{field}]");
                return;
            }

            sortField = field;
            descending = orderText == "desc";
        }

        JsonNode? after = null;
        if (request["search_after"] is JsonArray searchAfter)
        {
            if (sortField is null || searchAfter.Count != 1)
            {
                await Reject(context, 400, "illegal_argument_exception",
                    "search_after has 1 value(s) but sort has 0, or the counts differ");
                return;
            }

            after = searchAfter[0];
        }

        List<(string Id, JsonObject Source)> matched;
        lock (index.Documents)
        {
            matched = index.Documents
                .Where(pair => Matches(query, pair.Value))
                .Select(pair => (pair.Key, (JsonObject)pair.Value.DeepClone()))
                .ToList();
        }

        if (sortField is not null)
        {
            matched.Sort((left, right) => CompareSortValues(left.Source[sortField], right.Source[sortField]) * (descending ? -1 : 1));
            if (after is not null)
            {
                matched = matched
                    .Where(hit => CompareSortValues(hit.Source[sortField], after) * (descending ? -1 : 1) > 0)
                    .ToList();
            }
        }

        var hits = new JsonArray();
        foreach (var (id, source) in matched.Take(size))
        {
            var hit = new JsonObject { ["_index"] = index.Name, ["_id"] = id, ["_score"] = null };
            if (ShapeSource(request["_source"], source) is { } shaped)
            {
                hit["_source"] = shaped;
            }

            if (sortField is not null)
            {
                hit["sort"] = new JsonArray(source[sortField]?.DeepClone());
            }

            hits.Add(hit);
        }

        await WriteRawAsync(context, 200, new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = Shards(),
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = matched.Count, ["relation"] = "eq" },
                ["max_score"] = null,
                ["hits"] = hits,
            },
        });
    }

    /// <summary>Orders keyword values ordinally and numbers numerically; a missing value sorts last.</summary>
    private static int CompareSortValues(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return (left is null ? 1 : 0) - (right is null ? 1 : 0);
        }

        return left.GetValueKind() == JsonValueKind.Number
            ? ((double)left).CompareTo((double)right)
            : string.CompareOrdinal((string)left!, (string)right!);
    }

    /// <summary>Applies a <c>_source</c> request value (bool, includes array or includes/excludes object); null drops it.</summary>
    private static JsonObject? ShapeSource(JsonNode? request, JsonObject source)
    {
        switch (request)
        {
            case null:
                return source;
            case JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return (bool)flag ? source : null;
            case JsonArray includes:
                var names = includes.Select(name => (string)name!).ToHashSet();
                foreach (var name in source.Select(pair => pair.Key).Where(name => !names.Contains(name)).ToList())
                {
                    source.Remove(name);
                }

                return source;
            case JsonObject filter:
                foreach (var excluded in filter["excludes"]?.AsArray() ?? [])
                {
                    source.Remove((string)excluded!);
                }

                return filter["includes"] is JsonArray included ? ShapeSource(included, source) : source;
            default:
                throw new JsonException($"_source must be a boolean, an array or an object, was [{request.ToJsonString()}]");
        }
    }

    /// <summary>
    /// Returns why a Serverless vector search collection rejects the request, or null when it supports it:
    /// <c>_refresh</c>, <c>_delete_by_query</c> and scroll are not in the AWS list of supported operations.
    /// </summary>
    private static string? UnsupportedOnServerless(string method, string[] segments, IQueryCollection query)
    {
        if (segments.Length > 0 && segments[^1] is "_refresh" or "_delete_by_query")
        {
            return $"{method} {segments[^1]} is not supported by OpenSearch Serverless.";
        }

        if (query.ContainsKey("scroll") || segments.Contains("scroll"))
        {
            return "Scroll is not supported by OpenSearch Serverless vector search collections.";
        }

        return null;
    }

    /// <summary>Checks the basic-auth header against the fake's user and password and that no SigV4 header came along.</summary>
    private static string? VerifyBasicAuth(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("X-Amz-Date") || context.Request.Headers.ContainsKey("x-amz-content-sha256"))
        {
            return "A SigV4 header was sent to a basic-auth cluster.";
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return "Missing or non-basic Authorization header.";
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return "The basic-auth credentials are not valid Base64.";
        }

        return credentials == $"{Username}:{Password}" ? null : "Wrong basic-auth user or password.";
    }

    private string GenerateId() =>
        "generated-" + Interlocked.Increment(ref _nextGeneratedId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task RefreshAsync(HttpContext context, string name)
    {
        if (await RequireIndexAsync(context, name) is not null)
        {
            await WriteRawAsync(context, 200, new JsonObject { ["_shards"] = Shards() });
        }
    }

    /// <summary>
    /// Scores a stored vector as the OpenSearch k-NN documentation gives per space: cosinesimil (2 - d) / 2 with
    /// d = 1 - cos, innerproduct (faiss) 1 / (1 + d) when d = -ip is at least 0 and -d + 1 below, l2 1 / (1 + d).
    /// </summary>
    public static double Score(string spaceType, float[] query, JsonArray stored)
    {
        double dot = 0, queryNorm = 0, storedNorm = 0, squared = 0;
        for (var i = 0; i < query.Length; i++)
        {
            var value = (double)stored[i]!;
            dot += query[i] * value;
            queryNorm += query[i] * (double)query[i];
            storedNorm += value * value;
            squared += (query[i] - value) * (query[i] - value);
        }

        switch (spaceType)
        {
            case "cosinesimil":
                var distance = 1 - (dot / (Math.Sqrt(queryNorm) * Math.Sqrt(storedNorm)));
                return (2 - distance) / 2;
            case "innerproduct":
                var negated = -dot;
                return negated >= 0 ? 1 / (1 + negated) : -negated + 1;
            default:
                return 1 / (1 + squared);
        }
    }

    private static bool Matches(JsonNode query, JsonObject source)
    {
        var clause = query.AsObject();
        if (clause.Count != 1)
        {
            throw new JsonException("A query clause must have exactly one key");
        }

        var (kind, value) = clause.First();
        switch (kind)
        {
            case "match_all":
                return true;
            case "term":
                var (field, term) = value!.AsObject().First();
                var expected = term is JsonObject withValue ? withValue["value"] : term;
                return JsonNode.DeepEquals(source[field], expected);
            case "terms":
                var (termsField, values) = value!.AsObject().First();
                return values!.AsArray().Any(candidate => JsonNode.DeepEquals(source[termsField], candidate));
            case "bool":
                var must = (value!["must"] as JsonArray ?? []).Concat(value["filter"] as JsonArray ?? []);
                return must.All(inner => Matches(inner!, source));
            default:
                throw new JsonException($"unknown query [{kind}]");
        }
    }

    private async Task<FakeOpenSearchIndex?> RequireIndexAsync(HttpContext context, string name)
    {
        if (_indexes.TryGetValue(name, out var index))
        {
            return index;
        }

        await WriteErrorAsync(context, 404, "index_not_found_exception", $"no such index [{name}]");
        return null;
    }

    private static bool RequireJson(HttpContext context, out string error)
    {
        error = $"Content-Type header [{context.Request.ContentType}] is not supported";
        return context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;
    }

    private Task Reject(HttpContext context, int status, string type, string reason)
    {
        Rejections.Enqueue($"{type}: {reason}");
        return WriteErrorAsync(context, status, type, reason);
    }

    private static JsonObject Shards() => new() { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 };

    private static Task WriteStatusAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string type, string reason) => WriteRawAsync(
        context,
        status,
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }),
                ["type"] = type,
                ["reason"] = reason,
            },
            ["status"] = status,
        });

    private static Task WriteRawAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static string? VerifySignature(HttpContext context, byte[] body, string service)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        const string prefix = AwsRequestSigner.Algorithm + " ";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "Missing or malformed Authorization header.";
        }

        var fields = authorization[prefix.Length..]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2))
            .Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1]);
        if (!fields.TryGetValue("Credential", out var credential)
            || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature))
        {
            return "Authorization header lacks Credential, SignedHeaders or Signature.";
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[0] != AccessKey || scope[2] != Region || scope[3] != service || scope[4] != "aws4_request")
        {
            return $"Credential scope '{credential}' does not match access key, region {Region} and service {service}.";
        }

        var amzDate = context.Request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal, out var signedAt)
            || Math.Abs((DateTimeOffset.UtcNow - signedAt).TotalMinutes) > 5
            || amzDate[..8] != scope[1])
        {
            return $"X-Amz-Date '{amzDate}' is missing, more than 5 minutes off, or not the scope's date.";
        }

        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !names.Contains("x-amz-date"))
        {
            return "SignedHeaders must include host and x-amz-date.";
        }

        // Serverless requires the payload hash as a signed header, for every method and for empty bodies too.
        if (service == ServerlessService
            && (!names.Contains("x-amz-content-sha256")
                || context.Request.Headers["x-amz-content-sha256"].ToString() != AwsRequestSigner.HashHex(body)))
        {
            return "x-amz-content-sha256 is missing, unsigned, or not the SHA-256 of the body; OpenSearch Serverless requires it.";
        }

        var signed = new List<KeyValuePair<string, string>>();
        foreach (var name in names)
        {
            if (!context.Request.Headers.TryGetValue(name, out var values))
            {
                return $"Signed header '{name}' is not in the request.";
            }

            signed.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v ?? string.Empty)));
        }

        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = rawTarget.IndexOf('?');
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? string.Empty : rawTarget[queryStart..];
        var canonical = AwsRequestSigner.BuildCanonicalRequest(context.Request.Method, path, query, signed, AwsRequestSigner.HashHex(body));
        var stringToSign = AwsRequestSigner.BuildStringToSign(amzDate, string.Join('/', scope[1..]), canonical.Text);
        var key = AwsRequestSigner.DeriveSigningKey(SecretKey, scope[1], Region, service);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return expected == signature ? null : "The request signature we calculated does not match the signature you provided.";
    }
}
