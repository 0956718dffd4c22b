namespace MedifyAI.Retrieval.SageMaker;

/// <summary>Settings of the SageMaker embedder, bound from <c>MedifyAI:Embeddings:SageMaker</c>.</summary>
/// <remarks>
/// The endpoints run a Hugging Face feature-extraction container: the request body is <c>{"inputs": [...]}</c> and
/// the response is one vector per input, <c>[[...], [...]]</c>.
/// </remarks>
public sealed class SageMakerEmbeddingOptions
{
    public const string SectionName = "MedifyAI:Embeddings:SageMaker";

    /// <summary>AWS region of the endpoints, for example <c>us-east-1</c>. Required.</summary>
    public string Region { get; set; } = string.Empty;

    /// <summary>Endpoint that embeds passages at ingestion. Required.</summary>
    public string PassageEndpointName { get; set; } = string.Empty;

    /// <summary>
    /// Endpoint that embeds search queries; when empty, <see cref="PassageEndpointName"/> is used. Models with
    /// separate encoders (MedCPT has a query encoder and an article encoder) need both.
    /// </summary>
    public string? QueryEndpointName { get; set; }

    /// <summary>Vector length the endpoints return and the index stores. Required.</summary>
    public int Dimensions { get; set; }

    /// <summary>Texts sent in one request, 1 to 256.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Scale every vector to unit length; set it when the index compares vectors by cosine similarity.</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>Text put before each query, for models trained with one (for example <c>"query: "</c> for E5).</summary>
    public string QueryPrefix { get; set; } = string.Empty;

    /// <summary>Text put before each passage, for example <c>"passage: "</c> for E5.</summary>
    public string PassagePrefix { get; set; } = string.Empty;

    /// <summary>Time limit of one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a throttling response (429), a 408, a 5xx or a connection failure, 0 to 10.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; later ones double, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Runtime URL override for tests and VPC endpoints; by default <c>https://runtime.sagemaker.{Region}.amazonaws.com/</c>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Endpoint that embeds queries after applying the fallback to <see cref="PassageEndpointName"/>.</summary>
    public string ResolveQueryEndpointName() =>
        string.IsNullOrWhiteSpace(QueryEndpointName) ? PassageEndpointName : QueryEndpointName;

    /// <summary>Runtime base URL after applying the default for <see cref="Region"/>.</summary>
    public Uri ResolveServiceUrl() =>
        ServiceUrl ?? new Uri($"https://runtime.sagemaker.{Region}.amazonaws.com/");
}
