namespace MedifyAI.Retrieval.OpenSearch;

/// <summary>Settings of the OpenSearch vector index, bound from <c>MedifyAI:OpenSearch</c>.</summary>
public sealed class OpenSearchOptions
{
    public const string SectionName = "MedifyAI:OpenSearch";

    /// <summary>Base URL of the cluster or domain, for example <c>https://search-x.us-east-1.es.amazonaws.com/</c>. Required.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>AWS region for SigV4 signing; required unless <see cref="Username"/> is set.</summary>
    public string? Region { get; set; }

    /// <summary>SigV4 signing name: <c>es</c> for managed domains, <c>aoss</c> for OpenSearch Serverless.</summary>
    public string Service { get; set; } = "es";

    /// <summary>Basic-auth user of a self-managed cluster; when set, requests are not SigV4-signed.</summary>
    public string? Username { get; set; }

    /// <summary>Basic-auth password; required with <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Index of the chunks; checkpoints go to <c>{IndexName}-checkpoints</c>.</summary>
    public string IndexName { get; set; } = "medifyai-chunks";

    /// <summary>Vector length of the <c>knn_vector</c> field; must equal the embedder's.</summary>
    public int Dimension { get; set; }

    /// <summary>k-NN engine: <c>faiss</c> or <c>lucene</c>.</summary>
    public string Engine { get; set; } = "faiss";

    /// <summary>k-NN space: <c>cosinesimil</c>, <c>innerproduct</c> or <c>l2</c>.</summary>
    public string SpaceType { get; set; } = "innerproduct";

    /// <summary>Chunks per <c>_bulk</c> request.</summary>
    public int BulkBatchSize { get; set; } = 200;

    /// <summary>Retries of a request after 429, 5xx or a timeout, and of failed <c>_bulk</c> items.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First retry delay; later ones double.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time limit of one request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the endpoint is an OpenSearch Serverless collection (<see cref="Service"/> = <c>aoss</c> with SigV4),
    /// whose vector search collections assign document ids themselves and have no <c>_refresh</c>.
    /// </summary>
    public bool IsServerless => string.IsNullOrEmpty(Username) && Service == "aoss";

    /// <summary>Name of the checkpoint index.</summary>
    public string CheckpointIndexName => IndexName + "-checkpoints";
}
