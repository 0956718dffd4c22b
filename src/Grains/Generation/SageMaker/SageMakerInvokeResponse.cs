namespace MedifyAI.Generation.SageMaker;

/// <summary>The answer of <c>InvokeEndpoint</c>.</summary>
/// <param name="Body">The model container's response body.</param>
/// <param name="ContentType">The <c>Content-Type</c> of <paramref name="Body"/>.</param>
/// <param name="InvokedProductionVariant">The <c>X-Amzn-Invoked-Production-Variant</c> header.</param>
/// <param name="CustomAttributes">The <c>X-Amzn-SageMaker-Custom-Attributes</c> header returned by the container.</param>
/// <param name="RequestId">The <c>x-amzn-RequestId</c> header.</param>
public sealed record SageMakerInvokeResponse(
    ReadOnlyMemory<byte> Body,
    string? ContentType,
    string? InvokedProductionVariant,
    string? CustomAttributes,
    string? RequestId);
