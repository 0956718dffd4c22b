namespace MedifyAI.Generation;

/// <summary>Settings of reply and summary generation, bound from <c>MedifyAI:Generation</c>.</summary>
public sealed class GenerationOptions
{
    public const string SectionName = "MedifyAI:Generation";

    /// <summary>Which component writes replies and end-of-session summaries.</summary>
    public GenerationProvider Provider { get; set; } = GenerationProvider.GuidedInterview;

    /// <summary>
    /// Prompt budget in tokens, estimated as characters / 4. Size it to the model's context window minus the
    /// reply's <c>MaxTokens</c>: Llama 3 models such as OpenBioLLM-8B have an 8192-token window.
    /// </summary>
    public int MaxPromptTokens { get; set; } = 6000;

    /// <summary>Maximum characters of a reply shown to the patient; a longer reply is cut at a word boundary.</summary>
    public int MaxReplyCharacters { get; set; } = 1200;

    /// <summary>
    /// Time limit of one whole reply, streaming included, over the client's per-attempt timeout and retries.
    /// When it passes, the guided interview writes the reply.
    /// </summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of writing the end-of-session summary with the model.</summary>
    public TimeSpan SummaryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Name reported as the reply source for <see cref="Provider"/>.</summary>
    public string SourceName => Provider switch
    {
        GenerationProvider.SageMaker => "sagemaker",
        GenerationProvider.OpenAI => "openai",
        _ => "guided-interview",
    };
}
