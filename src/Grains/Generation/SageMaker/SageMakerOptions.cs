namespace MedifyAI.Generation.SageMaker;

/// <summary>Settings of the SageMaker chat client, bound from one configuration section (for example <c>SageMaker</c>).</summary>
public sealed class SageMakerOptions
{
    /// <summary>AWS region of the endpoint, for example <c>us-east-1</c>. Required.</summary>
    public string Region { get; set; } = string.Empty;

    /// <summary>Name of the SageMaker endpoint. Required.</summary>
    public string EndpointName { get; set; } = string.Empty;

    /// <summary>Contract of the model container.</summary>
    public SageMakerPayloadFormat PayloadFormat { get; set; } = SageMakerPayloadFormat.Messages;

    /// <summary>Maximum tokens the model generates per reply.</summary>
    public int MaxTokens { get; set; } = 512;

    /// <summary>Sampling temperature, 0 to 2.</summary>
    public float Temperature { get; set; } = 0.2f;

    /// <summary>Nucleus sampling probability mass, greater than 0 and at most 1.</summary>
    public float TopP { get; set; } = 0.9f;

    /// <summary>Time limit of one attempt until the response headers arrive.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a throttling, 5xx or timed-out attempt; 0 disables retries.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Base of the exponential, jittered backoff between retries.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Share of failed attempts (throttling, 5xx, timeouts) within the sampling window that opens the circuit, 0 to 1.
    /// While it is open, calls fail at once without reaching the endpoint.
    /// </summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts the sampling window must hold before the circuit can open, at least 2.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>How long the circuit stays open before one trial call is let through.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum characters of a reply; a longer reply is cut at this length.</summary>
    public int MaxResponseCharacters { get; set; } = 8000;

    /// <summary>
    /// Base URL in place of <c>https://runtime.sagemaker.{Region}.amazonaws.com</c>, for a VPC endpoint or a test
    /// server.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Inference component to invoke on a multi-component endpoint (<c>X-Amzn-SageMaker-Inference-Component</c>).</summary>
    public string? InferenceComponent { get; set; }

    /// <summary>Model to invoke on a multi-model endpoint (<c>X-Amzn-SageMaker-Target-Model</c>, non-streaming calls only).</summary>
    public string? TargetModel { get; set; }

    /// <summary>Opaque value forwarded to the container (<c>X-Amzn-SageMaker-Custom-Attributes</c>), at most 1024 ASCII characters.</summary>
    public string? CustomAttributes { get; set; }

    /// <summary>Base URL that requests go to.</summary>
    public Uri ResolveServiceUrl() =>
        ServiceUrl ?? new Uri($"https://runtime.sagemaker.{Region}.amazonaws.com/");
}
