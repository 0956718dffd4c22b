namespace MedifyAI.Generation;

/// <summary>Which component writes the reply wording (<c>MedifyAI:Generation:Provider</c>).</summary>
public enum GenerationProvider
{
    /// <summary>The deterministic guided interview; no model is called.</summary>
    GuidedInterview = 0,

    /// <summary>A TGI model (for example OpenBioLLM) on an Amazon SageMaker endpoint, set under <c>MedifyAI:Generation:SageMaker</c>.</summary>
    SageMaker = 1,

    /// <summary>An OpenAI-compatible chat-completions server such as vLLM, llama.cpp's server or Ollama.</summary>
    OpenAI = 2,
}
