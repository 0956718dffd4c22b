using Microsoft.Extensions.AI;

namespace MedifyAI.Generation;

/// <summary>Sets <see cref="ChatOptions.MaxOutputTokens"/> on requests that leave it unset.</summary>
internal sealed class MaxOutputTokensChatClient(IChatClient innerClient, int maxOutputTokens) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, WithLimit(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, WithLimit(options), cancellationToken);

    private ChatOptions WithLimit(ChatOptions? options)
    {
        var limited = options?.Clone() ?? new ChatOptions();
        limited.MaxOutputTokens ??= maxOutputTokens;
        return limited;
    }
}
