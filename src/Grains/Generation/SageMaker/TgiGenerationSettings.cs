namespace MedifyAI.Generation.SageMaker;

/// <summary>Sampling settings for one request: the options, overridden by the caller's chat options.</summary>
internal sealed record TgiGenerationSettings(int MaxTokens, float Temperature, float TopP, IReadOnlyList<string> StopSequences);
