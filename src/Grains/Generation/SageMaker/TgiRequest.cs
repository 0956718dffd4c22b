namespace MedifyAI.Generation.SageMaker;

/// <summary>A serialized request body and, for the text contract, the prompt it carries.</summary>
internal sealed record TgiRequest(byte[] Body, string? Prompt);
