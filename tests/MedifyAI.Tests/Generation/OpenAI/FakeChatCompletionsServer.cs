using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using MedifyAI.Tests.Fakes;

namespace MedifyAI.Tests.Generation.OpenAI;

/// <summary>
/// An OpenAI-compatible chat-completions server (the API vLLM and llama.cpp's server expose) on Kestrel at
/// 127.0.0.1. It checks the request as such a server would (path, bearer token, JSON body with <c>model</c> and
/// <c>messages</c>), replies with the documented <c>chat.completion</c> object or, for <c>"stream": true</c>, with
/// <c>chat.completion.chunk</c> server-sent events ending in <c>data: [DONE]</c>, and can fail with 503 or 400.
/// </summary>
internal sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    public const string Model = "aaditya/Llama3-OpenBioLLM-8B";
    public const string ApiKey = "fake-openai-compatible-key";

    private readonly WebApplication _app;

    private FakeChatCompletionsServer(WebApplication app) => _app = app;

    /// <summary>Base URL up to and including the API version, as the product's setting expects.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Request bodies received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>Requests rejected for a wrong path, token or body, with the reason.</summary>
    public ConcurrentQueue<string> Rejections { get; } = new();

    /// <summary>Status codes returned to the next requests instead of a completion.</summary>
    public ConcurrentQueue<int> FailNext { get; } = new();

    /// <summary>The reply text the model "writes".</summary>
    public string ReplyText { get; set; } = "Thank you. How long have you had the cough?";

    public static async Task<FakeChatCompletionsServer> StartAsync()
    {
        var app = LoopbackWebApp.Create();
        var fake = new FakeChatCompletionsServer(app);
        app.Run(fake.HandleAsync);
        fake.BaseUrl = new Uri(await LoopbackWebApp.StartAsync(app), "v1");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || context.Request.Path != "/v1/chat/completions")
        {
            await RejectAsync(context, 404, $"no route {context.Request.Method} {context.Request.Path}");
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            await RejectAsync(context, 401, "missing or wrong bearer token");
            return;
        }

        JsonObject body;
        try
        {
            body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        }
        catch (JsonException exception)
        {
            await RejectAsync(context, 400, "body is not JSON: " + exception.Message);
            return;
        }

        var problem = CheckBody(body);
        if (problem is not null)
        {
            await RejectAsync(context, 400, problem);
            return;
        }

        Requests.Enqueue(body);
        if (FailNext.TryDequeue(out var status))
        {
            await WriteErrorAsync(context, status, "the fake was told to fail");
            return;
        }

        if (body["stream"]?.GetValueKind() == JsonValueKind.True)
        {
            await StreamAsync(context);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_790_000_000,
            ["model"] = Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = ReplyText },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 50, ["completion_tokens"] = 12, ["total_tokens"] = 62 },
        }.ToJsonString());
    }

    private static string? CheckBody(JsonObject body)
    {
        if ((string?)body["model"] != Model)
        {
            return $"model must be '{Model}', was '{body["model"]}'";
        }

        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            return "messages must be a non-empty array";
        }

        foreach (var message in messages)
        {
            if ((string?)message?["role"] is not ("system" or "user" or "assistant"))
            {
                return $"message role '{message?["role"]}' is not system, user or assistant";
            }

            if (message["content"] is not JsonValue content || content.GetValueKind() != JsonValueKind.String)
            {
                return "message content must be a string";
            }
        }

        return null;
    }

    private async Task StreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        var words = ReplyText.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var delta = new JsonObject { ["content"] = (i == 0 ? string.Empty : " ") + words[i] };
            if (i == 0)
            {
                delta["role"] = "assistant";
            }

            await WriteChunkAsync(context, delta, finishReason: null);
        }

        await WriteChunkAsync(context, new JsonObject(), finishReason: "stop");
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task WriteChunkAsync(HttpContext context, JsonObject delta, string? finishReason)
    {
        var chunk = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_790_000_000,
            ["model"] = Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["finish_reason"] = finishReason,
            }),
        };
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    private async Task RejectAsync(HttpContext context, int status, string reason)
    {
        Rejections.Enqueue(reason);
        await WriteErrorAsync(context, status, reason);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["code"] = status },
        }.ToJsonString());
    }
}
