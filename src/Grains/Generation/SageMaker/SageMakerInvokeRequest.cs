namespace MedifyAI.Generation.SageMaker;

/// <summary>One call to <c>InvokeEndpoint</c> or <c>InvokeEndpointWithResponseStream</c>.</summary>
public sealed record SageMakerInvokeRequest(string EndpointName, ReadOnlyMemory<byte> Body)
{
    /// <summary>MIME type of <see cref="Body"/>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>MIME type expected back; sent as <c>Accept</c>, or <c>X-Amzn-SageMaker-Accept</c> when streaming.</summary>
    public string Accept { get; init; } = "application/json";

    /// <summary><c>X-Amzn-SageMaker-Custom-Attributes</c>.</summary>
    public string? CustomAttributes { get; init; }

    /// <summary><c>X-Amzn-SageMaker-Target-Model</c>; SageMaker accepts it on <c>InvokeEndpoint</c> only.</summary>
    public string? TargetModel { get; init; }

    /// <summary><c>X-Amzn-SageMaker-Target-Variant</c>.</summary>
    public string? TargetVariant { get; init; }

    /// <summary><c>X-Amzn-SageMaker-Inference-Component</c>.</summary>
    public string? InferenceComponent { get; init; }
}
