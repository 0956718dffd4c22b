using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MedifyAI.Generation.SageMaker;

/// <summary>
/// <see cref="IChatClient"/> for a Hugging Face TGI model on a SageMaker endpoint, in the payload format that
/// <see cref="SageMakerOptions.PayloadFormat"/> selects.
/// </summary>
public sealed class SageMakerChatClient : IChatClient
{
    private readonly SageMakerRuntimeClient _runtime;
    private readonly SageMakerOptions _options;
    private readonly ITgiPayloadContract _contract;

    public SageMakerChatClient(SageMakerRuntimeClient runtime, IOptions<SageMakerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(options);
        _runtime = runtime;
        _options = options.Value;
        _contract = _options.PayloadFormat switch
        {
            SageMakerPayloadFormat.Text => new TgiTextContract(),
            _ => new TgiMessagesContract(),
        };
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var request = _contract.BuildRequest([.. messages], CreateSettings(options), stream: false);
        var response = await _runtime
            .InvokeEndpointAsync(CreateInvokeRequest(request, "application/json", streaming: false), cancellationToken)
            .ConfigureAwait(false);
        var completion = _contract.ParseResponse(response.Body.Span, request);
        var text = Cap(completion.Text.Trim(), _options.MaxResponseCharacters);

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = _options.EndpointName,
            ResponseId = response.RequestId,
            FinishReason = MapFinishReason(completion.FinishReason),
            Usage = completion.Usage,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = _contract.BuildRequest([.. messages], CreateSettings(options), stream: true);
        var invoke = CreateInvokeRequest(request, "text/event-stream", streaming: true);
        var decoder = new ServerSentEventLineDecoder();
        var remaining = _options.MaxResponseCharacters;
        var leadingWhitespace = true;

        await foreach (var part in _runtime.InvokeEndpointWithResponseStreamAsync(invoke, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var data in decoder.Append(part.Span))
            {
                var update = ToUpdate(_contract.ParseStreamData(data), ref remaining, ref leadingWhitespace);
                if (update is not null)
                {
                    yield return update;
                }

                if (remaining <= 0)
                {
                    // Leaving the loop disposes the response, so the endpoint stops sending past the cap.
                    yield break;
                }
            }
        }

        foreach (var data in decoder.Complete())
        {
            var update = ToUpdate(_contract.ParseStreamData(data), ref remaining, ref leadingWhitespace);
            if (update is not null)
            {
                yield return update;
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return new ChatClientMetadata("aws.sagemaker", _options.ResolveServiceUrl(), _options.EndpointName);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The HttpClient belongs to IHttpClientFactory, so there is nothing to release.
    }

    private ChatResponseUpdate? ToUpdate(TgiStreamEvent streamEvent, ref int remaining, ref bool leadingWhitespace)
    {
        var text = streamEvent.TextDelta;
        if (leadingWhitespace && text is not null)
        {
            text = text.TrimStart();
            leadingWhitespace = text.Length == 0;
        }

        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(text) && remaining > 0)
        {
            text = Cap(text, remaining);
            remaining -= text.Length;
            contents.Add(new TextContent(text));
        }

        if (streamEvent.Usage is not null)
        {
            contents.Add(new UsageContent(streamEvent.Usage));
        }

        if (contents.Count == 0 && streamEvent.FinishReason is null)
        {
            return null;
        }

        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ModelId = _options.EndpointName,
            FinishReason = MapFinishReason(streamEvent.FinishReason),
        };
    }

    private TgiGenerationSettings CreateSettings(ChatOptions? options) => new(
        options?.MaxOutputTokens ?? _options.MaxTokens,
        options?.Temperature ?? _options.Temperature,
        options?.TopP ?? _options.TopP,
        options?.StopSequences is { } stops ? [.. stops] : []);

    private SageMakerInvokeRequest CreateInvokeRequest(TgiRequest request, string accept, bool streaming) =>
        new(_options.EndpointName, request.Body)
        {
            Accept = accept,
            CustomAttributes = _options.CustomAttributes,
            InferenceComponent = _options.InferenceComponent,
            TargetModel = streaming ? null : _options.TargetModel,
        };

    private static string Cap(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters)
        {
            return text;
        }

        // Do not split a surrogate pair at the cut.
        var length = char.IsHighSurrogate(text[maxCharacters - 1]) ? maxCharacters - 1 : maxCharacters;
        return text[..length];
    }

    private static ChatFinishReason? MapFinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" or "eos_token" or "stop_sequence" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        _ => new ChatFinishReason(reason),
    };
}
