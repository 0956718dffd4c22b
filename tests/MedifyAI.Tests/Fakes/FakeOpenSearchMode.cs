namespace MedifyAI.Tests.Fakes;

/// <summary>The kind of cluster the fake OpenSearch imitates, which sets how it authenticates and what it rejects.</summary>
public enum FakeOpenSearchMode
{
    /// <summary>An Amazon OpenSearch Service domain: SigV4 with service <c>es</c>.</summary>
    Managed,

    /// <summary>
    /// An OpenSearch Serverless vector search collection: SigV4 with service <c>aoss</c> and a signed
    /// <c>x-amz-content-sha256</c> header, no custom document ids, no <c>_refresh</c>, <c>_delete_by_query</c> or scroll.
    /// </summary>
    Serverless,

    /// <summary>A self-managed cluster with the security plugin: HTTP basic authentication, no SigV4.</summary>
    BasicAuth,
}
