using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedifyAI.Generation;

/// <summary>
/// Writes replies with a language model behind <see cref="IChatClient"/>. The guided interview has already screened
/// the message and chosen the next question; the model only words the reply. Any failure, timeout or rejected
/// output yields the guided interview's reply with <see cref="ResponderReply.FallbackReason"/> set.
/// </summary>
public sealed class ModelReplyResponder : IStreamingReplyResponder
{
    private readonly IChatClient _chatClient;
    private readonly ReplyPromptBuilder _prompts;
    private readonly ReplyGuard _guard;
    private readonly GuidedReplyResponder _guided;
    private readonly GenerationMetrics _metrics;
    private readonly GenerationOptions _options;
    private readonly ILogger<ModelReplyResponder> _logger;

    public ModelReplyResponder(
        IChatClient chatClient,
        ReplyPromptBuilder prompts,
        ReplyGuard guard,
        GuidedReplyResponder guided,
        GenerationMetrics metrics,
        IOptions<GenerationOptions> options,
        ILogger<ModelReplyResponder> logger)
    {
        _chatClient = chatClient;
        _prompts = prompts;
        _guard = guard;
        _guided = guided;
        _metrics = metrics;
        _options = options.Value;
        _logger = logger;
    }

    public string Name => _options.SourceName;

    public Task<ResponderReply> WriteReplyAsync(ReplyContext context, CancellationToken cancellationToken) =>
        GenerateAsync(context, onText: null, cancellationToken);

    public Task<ResponderReply> StreamReplyAsync(ReplyContext context, Action<string> onText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onText);
        return GenerateAsync(context, onText, cancellationToken);
    }

    private async Task<ResponderReply> GenerateAsync(
        ReplyContext context,
        Action<string>? onText,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prompt = _prompts.Build(context);
        var started = Stopwatch.GetTimestamp();

        string output;
        UsageDetails? usage;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_options.ReplyTimeout);
            try
            {
                (output, usage) = onText is null
                    ? await CompleteAsync(prompt, timeout.Token).ConfigureAwait(false)
                    : await StreamAsync(prompt, ReplyGuard.RequiresHoldBack(context) ? null : onText, timeout.Token)
                        .ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Every model failure falls back: the patient's turn must not depend on the endpoint.
                var reason = FallbackReasons.Classify(exception);
                var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                GenerationLog.ModelFailed(_logger, exception, context.SessionId, Name, reason, elapsed);
                _metrics.Fallback(Name, reason);
                return await FallbackAsync(context, reason, cancellationToken).ConfigureAwait(false);
            }
        }

        var inputTokens = ToInt(usage?.InputTokenCount);
        var outputTokens = ToInt(usage?.OutputTokenCount);
        _metrics.Tokens(Name, inputTokens, outputTokens);

        var verdict = _guard.Vet(output, context);
        if (verdict.RejectReason is { } rejected)
        {
            GenerationLog.ReplyReplaced(_logger, context.SessionId, Name, rejected);
            _metrics.ReplyReplaced(Name, rejected);
            var fallback = await FallbackAsync(context, FallbackReasons.ReplacedPrefix + rejected, cancellationToken)
                .ConfigureAwait(false);
            return fallback with { InputTokens = inputTokens, OutputTokens = outputTokens };
        }

        GenerationLog.ReplyWritten(
            _logger,
            context.SessionId,
            Name,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            prompt.EstimatedTokens,
            prompt.FoldedTurns,
            inputTokens,
            outputTokens);

        return new ResponderReply(verdict.Text!, Name)
        {
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            Citations = verdict.Citations,
        };
    }

    private async Task<(string Text, UsageDetails? Usage)> CompleteAsync(ReplyPrompt prompt, CancellationToken cancellationToken)
    {
        var response = await _chatClient.GetResponseAsync(prompt.Messages, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return (response.Text, response.Usage);
    }

    private async Task<(string Text, UsageDetails? Usage)> StreamAsync(
        ReplyPrompt prompt,
        Action<string>? relay,
        CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        UsageDetails? usage = null;
        await foreach (var update in _chatClient.GetStreamingResponseAsync(prompt.Messages, cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case TextContent { Text: { Length: > 0 } delta }:
                        text.Append(delta);
                        relay?.Invoke(delta);
                        break;
                    case UsageContent { Details: var details }:
                        usage = details;
                        break;
                }
            }
        }

        return (text.ToString(), usage);
    }

    private async Task<ResponderReply> FallbackAsync(ReplyContext context, string reason, CancellationToken cancellationToken)
    {
        var guided = await _guided.WriteReplyAsync(context, cancellationToken).ConfigureAwait(false);
        return guided with { FallbackReason = reason };
    }

    private static int? ToInt(long? value) => value is { } count ? (int)Math.Min(count, int.MaxValue) : null;
}
