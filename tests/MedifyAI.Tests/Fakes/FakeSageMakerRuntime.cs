using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedifyAI.Aws;
using MedifyAI.Aws.EventStream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MedifyAI.Tests.Fakes;

/// <summary>
/// A SageMaker Runtime stand-in on Kestrel at 127.0.0.1 with a free port. It verifies the SigV4 signature of every
/// request by recomputing it from the request as received (raw path, query, signed headers, body), replies to the
/// TGI messages and text payloads, streams real event-stream frames with real CRCs, and injects queued faults.
/// </summary>
/// <remarks>
/// The signature check uses <see cref="AwsRequestSigner"/>'s canonical-request and key-derivation functions, which
/// the tests check separately against the published SigV4 vectors and against AWSSDK.Core's own signer.
/// </remarks>
public sealed class FakeSageMakerRuntime : IAsyncDisposable
{
    public const string AccessKey = FakeAwsAccount.AccessKey;
    public const string SecretKey = FakeAwsAccount.SecretKey;
    public const string Region = FakeAwsAccount.Region;
    public const string EndpointName = "openbiollm-8b";

    /// <summary>Embedding endpoint for passages (a feature-extraction container).</summary>
    public const string PassageEmbeddingEndpoint = "medcpt-article";

    /// <summary>Embedding endpoint for queries.</summary>
    public const string QueryEmbeddingEndpoint = "medcpt-query";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeSageMakerFault> _faults = new();
    private readonly ConcurrentQueue<FakeSageMakerRequest> _requests = new();
    private int _signedRequests;

    private FakeSageMakerRuntime(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Base URL, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests received, in order, including rejected ones.</summary>
    public IReadOnlyCollection<FakeSageMakerRequest> Requests => _requests;

    /// <summary>How long <see cref="FakeSageMakerFault.SlowResponse"/> waits before replying.</summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bytes per PayloadPart when streaming. Small values split SSE lines across parts.</summary>
    public int PayloadPartSize { get; set; } = 7;

    /// <summary>Pause before each PayloadPart after the first, to stand in for generation time; zero by default.</summary>
    public TimeSpan PartDelay { get; set; }

    /// <summary>
    /// Writes the model's reply from the last user message (messages payload) or user segment (text payload);
    /// when null the fake echoes the message back.
    /// </summary>
    public Func<string, string>? ReplyWriter { get; set; }

    /// <summary>Vector length the embedding endpoints return.</summary>
    public int EmbeddingDimensions { get; set; } = 64;

    /// <summary>Texts embedded so far, with the endpoint that embedded each.</summary>
    public ConcurrentQueue<(string Endpoint, string Text)> EmbeddedTexts { get; } = new();

    /// <summary>Called after each successful invocation with its timing.</summary>
    public Action<FakeSageMakerExchange>? ExchangeCompleted { get; set; }

    /// <summary>Requests that passed the signature check.</summary>
    public int SignedRequestCount => _signedRequests;

    public static async Task<FakeSageMakerRuntime> StartAsync()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var app = LoopbackWebApp.Create();
        var fake = new FakeSageMakerRuntime(app);
        app.MapPost("/endpoints/{name}/invocations", (HttpContext context, string name) => fake.HandleAsync(context, name, streaming: false));
        app.MapPost(
            "/endpoints/{name}/invocations-response-stream",
            (HttpContext context, string name) => fake.HandleAsync(context, name, streaming: true));
        fake.BaseUrl = await LoopbackWebApp.StartAsync(app);
        return fake;
    }

    /// <summary>Queues a fault for the next request. Several faults apply to successive requests.</summary>
    public void EnqueueFault(FakeSageMakerFault fault) => _faults.Enqueue(fault);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string endpointName, bool streaming)
    {
        var received = System.Diagnostics.Stopwatch.GetTimestamp();
        using var bodyBuffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(bodyBuffer, context.RequestAborted);
        var body = bodyBuffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new FakeSageMakerRequest(context.Request.Path, headers, body));

        var signatureError = VerifySignature(context, body);
        if (signatureError is not null)
        {
            await WriteErrorAsync(context, 403, "InvalidSignatureException", signatureError);
            return;
        }

        Interlocked.Increment(ref _signedRequests);

        if (endpointName is PassageEmbeddingEndpoint or QueryEmbeddingEndpoint && !streaming)
        {
            await HandleEmbeddingAsync(context, endpointName, body);
            return;
        }

        if (endpointName != EndpointName)
        {
            await WriteErrorAsync(context, 400, "ValidationError", $"Endpoint {endpointName} of account 000000000000 not found.");
            return;
        }

        FakeSageMakerFault? faultOrNull = _faults.TryDequeue(out var fault) ? fault : null;
        if (await WriteHttpFaultAsync(context, faultOrNull))
        {
            return;
        }

        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            payload = null;
        }

        var (userContent, validationError) = ReadUserContent(payload, context.Request.ContentType);
        if (validationError is not null)
        {
            await WriteModelErrorAsync(context, 422, validationError);
            return;
        }

        var reply = ReplyWriter is { } writer ? writer(userContent) : $"You said: {userContent}. Please rest and drink fluids.";
        context.Response.Headers["X-Amzn-Invoked-Production-Variant"] = "AllTraffic";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var isText = payload!["inputs"] is not null;
        if (!streaming)
        {
            context.Response.ContentType = "application/json";
            if (faultOrNull == FakeSageMakerFault.MalformedJson)
            {
                await context.Response.WriteAsync("{\"choices\": [ {\"message\": ", context.RequestAborted);
                return;
            }

            await context.Response.WriteAsync(isText ? TextResponse(reply) : MessagesResponse(reply), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            ExchangeCompleted?.Invoke(new FakeSageMakerExchange(userContent, received, null, System.Diagnostics.Stopwatch.GetTimestamp()));
            return;
        }

        var firstPartSent = await StreamAsync(context, reply, isText, faultOrNull);
        if (firstPartSent is not null)
        {
            ExchangeCompleted?.Invoke(new FakeSageMakerExchange(userContent, received, firstPartSent, System.Diagnostics.Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>
    /// Replies as a Hugging Face feature-extraction container: <c>{"inputs": [...]}</c> in, one vector per input out.
    /// Each vector is derived from the text and the endpoint by hashing, so it is deterministic and deliberately not
    /// unit length, which lets tests see whether the client normalises.
    /// </summary>
    private async Task HandleEmbeddingAsync(HttpContext context, string endpointName, byte[] body)
    {
        FakeSageMakerFault? faultOrNull = _faults.TryDequeue(out var fault) ? fault : null;
        if (await WriteHttpFaultAsync(context, faultOrNull))
        {
            return;
        }

        if (context.Request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            await WriteModelErrorAsync(context, 415, $"Content-Type must be application/json, was '{context.Request.ContentType}'.");
            return;
        }

        string[]? inputs;
        try
        {
            inputs = JsonNode.Parse(body)?["inputs"] is JsonArray array
                ? array.Select(item => item!.GetValue<string>()).ToArray()
                : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            inputs = null;
        }

        if (inputs is null || inputs.Length == 0)
        {
            await WriteModelErrorAsync(context, 400, "inputs must be a non-empty array of strings.");
            return;
        }

        var dimensions = faultOrNull == FakeSageMakerFault.WrongDimension ? EmbeddingDimensions + 1 : EmbeddingDimensions;
        var vectors = new JsonArray();
        foreach (var input in inputs)
        {
            EmbeddedTexts.Enqueue((endpointName, input));
            vectors.Add(new JsonArray(FakeEmbedding(endpointName, input, dimensions).Select(v => (JsonNode)v).ToArray()));
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(
            faultOrNull == FakeSageMakerFault.MalformedJson ? "[[0.1, 0.2" : vectors.ToJsonString(),
            context.RequestAborted);
    }

    /// <summary>Deterministic vector of a text: each word adds 1 to a dimension chosen by hashing it.</summary>
    public static float[] FakeEmbedding(string endpointName, string text, int dimensions)
    {
        var vector = new float[dimensions];
        vector[0] = endpointName == QueryEmbeddingEndpoint ? 0.5f : 0.25f;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = System.IO.Hashing.XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(word.ToLowerInvariant()));
            vector[hash % (uint)dimensions] += 1;
        }

        return vector;
    }

    private async Task<bool> WriteHttpFaultAsync(HttpContext context, FakeSageMakerFault? fault)
    {
        switch (fault)
        {
            case FakeSageMakerFault.Throttling:
                await WriteErrorAsync(context, 429, "ThrottlingException", "Rate exceeded.");
                return true;
            case FakeSageMakerFault.ThrottlingAs400:
                await WriteErrorAsync(context, 400, "ThrottlingException", "Rate exceeded.");
                return true;
            case FakeSageMakerFault.ModelNotReady:
                await WriteErrorAsync(context, 429, "ModelNotReadyException", "Model is still loading.");
                return true;
            case FakeSageMakerFault.Validation:
                await WriteErrorAsync(context, 400, "ValidationError", "1 validation error detected.");
                return true;
            case FakeSageMakerFault.InternalFailure:
                await WriteErrorAsync(context, 500, "InternalFailure", "An internal error occurred.");
                return true;
            case FakeSageMakerFault.ServiceUnavailable:
                await WriteErrorAsync(context, 503, "ServiceUnavailable", "The service is unavailable.");
                return true;
            case FakeSageMakerFault.ModelError:
                await WriteModelErrorAsync(context, 500, "CUDA out of memory");
                return true;
            case FakeSageMakerFault.SlowResponse:
                try
                {
                    await Task.Delay(SlowResponseDelay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static (string UserContent, string? Error) ReadUserContent(JsonNode? payload, string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            return (string.Empty, $"Content-Type must be application/json, was '{contentType}'.");
        }

        if (payload is not JsonObject request)
        {
            return (string.Empty, "The body is not a JSON object.");
        }

        if (request["messages"] is JsonArray messages)
        {
            if (request["max_tokens"]?.GetValueKind() != JsonValueKind.Number)
            {
                return (string.Empty, "max_tokens must be a number.");
            }

            var lastUser = messages.LastOrDefault(m => (string?)m?["role"] == "user");
            if (lastUser?["content"]?.GetValue<string>() is not { } content)
            {
                return (string.Empty, "messages must end with a user message that has content.");
            }

            return (content, null);
        }

        if (request["inputs"]?.GetValue<string>() is { } inputs)
        {
            const string assistantHeader = "<|start_header_id|>assistant<|end_header_id|>\n\n";
            if (!inputs.StartsWith("<|begin_of_text|>", StringComparison.Ordinal) || !inputs.EndsWith(assistantHeader, StringComparison.Ordinal))
            {
                return (string.Empty, "inputs is not a Llama 3 instruct prompt.");
            }

            if (request["parameters"]?["max_new_tokens"]?.GetValueKind() != JsonValueKind.Number)
            {
                return (string.Empty, "parameters.max_new_tokens must be a number.");
            }

            var turns = inputs.Split("<|start_header_id|>user<|end_header_id|>\n\n");
            var lastUser = turns[^1].Split("<|eot_id|>")[0];
            return (lastUser, null);
        }

        return (string.Empty, "The body has neither messages nor inputs.");
    }

    private static string MessagesResponse(string reply) => new JsonObject
    {
        ["object"] = "chat.completion",
        ["model"] = "aaditya/Llama3-OpenBioLLM-8B",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 21, ["completion_tokens"] = CountWords(reply), ["total_tokens"] = 21 + CountWords(reply) },
    }.ToJsonString();

    private static string TextResponse(string reply) => new JsonArray(new JsonObject
    {
        ["generated_text"] = reply,
        ["details"] = new JsonObject { ["finish_reason"] = "eos_token", ["generated_tokens"] = CountWords(reply) },
    }).ToJsonString();

    /// <summary>Streams the reply; returns when the first part was flushed, or null when a fault cut the stream.</summary>
    private async Task<long?> StreamAsync(HttpContext context, string reply, bool isText, FakeSageMakerFault? fault)
    {
        long? firstPartSent = null;
        context.Response.ContentType = "application/vnd.amazon.eventstream";
        context.Response.Headers["X-Amzn-SageMaker-Content-Type"] = "text/event-stream";
        var sse = isText ? TextEvents(reply) : MessagesEvents(reply);
        var bytes = Encoding.UTF8.GetBytes(sse);
        var frames = new List<byte[]>();
        for (var offset = 0; offset < bytes.Length; offset += PayloadPartSize)
        {
            frames.Add(PayloadPart(bytes.AsSpan(offset, Math.Min(PayloadPartSize, bytes.Length - offset))));
        }

        for (var index = 0; index < frames.Count; index++)
        {
            var frame = frames[index];
            if (index == 2 && fault == FakeSageMakerFault.StreamCutMidFrame)
            {
                await context.Response.Body.WriteAsync(frame.AsMemory(0, frame.Length / 2), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);

                // Abort resets the connection, and a reset discards bytes the client has not read yet. The pause
                // lets the client read the headers and the first frames first, as it would from a real endpoint.
                await Task.Delay(TimeSpan.FromMilliseconds(200), context.RequestAborted);
                context.Abort();
                return null;
            }

            if (index == 2 && fault == FakeSageMakerFault.StreamBadCrc)
            {
                frame[^1] ^= 0xFF;
            }

            if (index == 2 && fault == FakeSageMakerFault.ModelStreamError)
            {
                var error = EventStreamCodec.Encode(
                    [
                        EventStreamHeader.FromString(":message-type", "exception"),
                        EventStreamHeader.FromString(":exception-type", "ModelStreamError"),
                        EventStreamHeader.FromString(":content-type", "application/json"),
                    ],
                    """{"Message":"Model container stopped responding","ErrorCode":"ModelStreamTimeout"}"""u8);
                await context.Response.Body.WriteAsync(error, context.RequestAborted);
                return null;
            }

            if (index > 0 && PartDelay > TimeSpan.Zero)
            {
                await Task.Delay(PartDelay, context.RequestAborted);
            }

            await context.Response.Body.WriteAsync(frame, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            firstPartSent ??= System.Diagnostics.Stopwatch.GetTimestamp();
        }

        return fault == FakeSageMakerFault.StreamBadCrc ? null : firstPartSent;
    }

    private static byte[] PayloadPart(ReadOnlySpan<byte> bytes) => EventStreamCodec.Encode(
        [
            EventStreamHeader.FromString(":event-type", "PayloadPart"),
            EventStreamHeader.FromString(":content-type", "application/octet-stream"),
            EventStreamHeader.FromString(":message-type", "event"),
        ],
        bytes);

    private static string MessagesEvents(string reply)
    {
        var builder = new StringBuilder();
        foreach (var word in SplitTokens(reply))
        {
            var chunk = new JsonObject
            {
                ["object"] = "chat.completion.chunk",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["delta"] = new JsonObject { ["role"] = "assistant", ["content"] = word },
                    ["finish_reason"] = null,
                }),
            };
            builder.Append("data: ").Append(chunk.ToJsonString()).Append("\n\n");
        }

        var last = new JsonObject
        {
            ["object"] = "chat.completion.chunk",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = "stop" }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 21, ["completion_tokens"] = CountWords(reply), ["total_tokens"] = 21 + CountWords(reply) },
        };
        builder.Append("data: ").Append(last.ToJsonString()).Append("\n\n");
        builder.Append("data: [DONE]\n\n");
        return builder.ToString();
    }

    private static string TextEvents(string reply)
    {
        var builder = new StringBuilder();
        var id = 0;
        foreach (var word in SplitTokens(reply))
        {
            var token = new JsonObject
            {
                ["token"] = new JsonObject { ["id"] = id++, ["text"] = word, ["logprob"] = -0.1, ["special"] = false },
                ["generated_text"] = null,
                ["details"] = null,
            };
            builder.Append("data:").Append(token.ToJsonString()).Append("\n\n");
        }

        var end = new JsonObject
        {
            ["token"] = new JsonObject { ["id"] = 128009, ["text"] = "<|eot_id|>", ["logprob"] = 0, ["special"] = true },
            ["generated_text"] = reply,
            ["details"] = new JsonObject { ["finish_reason"] = "eos_token", ["generated_tokens"] = CountWords(reply) + 1 },
        };
        builder.Append("data:").Append(end.ToJsonString()).Append("\n\n");
        return builder.ToString();
    }

    private static IEnumerable<string> SplitTokens(string text)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            yield return i == 0 ? words[i] : " " + words[i];
        }
    }

    private static int CountWords(string text) => text.Split(' ').Length;

    private static Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-ErrorType"] = type + ":http://internal.amazon.com/coral/com.amazonaws.sagemaker/";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        return context.Response.WriteAsync(new JsonObject { ["message"] = message }.ToJsonString());
    }

    private static Task WriteModelErrorAsync(HttpContext context, int originalStatus, string originalMessage)
    {
        context.Response.StatusCode = 424;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-ErrorType"] = "ModelError:http://internal.amazon.com/coral/com.amazonaws.sagemaker/";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["ErrorCode"] = "CLIENT_ERROR_FROM_MODEL",
            ["LogStreamArn"] = $"arn:aws:logs:{Region}:000000000000:log-group:/aws/sagemaker/Endpoints/{EndpointName}",
            ["Message"] = $"Received client error ({originalStatus}) from primary with message \"{originalMessage}\".",
            ["OriginalMessage"] = originalMessage,
            ["OriginalStatusCode"] = originalStatus,
        };
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static string? VerifySignature(HttpContext context, byte[] body)
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
        if (scope.Length != 5 || scope[0] != AccessKey || scope[2] != Region || scope[3] != "sagemaker" || scope[4] != "aws4_request")
        {
            return $"Credential scope '{credential}' does not match access key, region {Region} and service sagemaker.";
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
        var canonical = AwsRequestSigner.BuildCanonicalRequest(
            context.Request.Method, path, query, signed, AwsRequestSigner.HashHex(body));
        var stringToSign = AwsRequestSigner.BuildStringToSign(amzDate, string.Join('/', scope[1..]), canonical.Text);
        var key = AwsRequestSigner.DeriveSigningKey(SecretKey, scope[1], Region, "sagemaker");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return expected == signature
            ? null
            : "The request signature we calculated does not match the signature you provided.";
    }
}
