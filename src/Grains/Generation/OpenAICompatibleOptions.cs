namespace MedifyAI.Generation;

/// <summary>Settings of an OpenAI-compatible chat-completions server (<c>MedifyAI:Generation:OpenAI</c>).</summary>
public sealed class OpenAICompatibleOptions
{
    /// <summary>Base URL up to and including the API version, for example <c>http://127.0.0.1:8000/v1</c> for vLLM.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Model name the server expects in each request, for example <c>aaditya/Llama3-OpenBioLLM-8B</c>.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Bearer token; most self-hosted servers accept any value or none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Time limit of one attempt until the response headers arrive.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a 408, 429, 5xx, connection failure or timed-out attempt; 0 disables retries.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Maximum tokens the model generates per reply.</summary>
    public int MaxTokens { get; set; } = 512;
}
