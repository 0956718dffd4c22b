namespace MedifyAI.Tests.Fakes;

/// <summary>A failure the fake OpenSearch injects into the next request.</summary>
public enum FakeOpenSearchFault
{
    /// <summary>429 with <c>es_rejected_execution_exception</c>, as a full write queue returns.</summary>
    Throttling,

    /// <summary>503 with <c>cluster_block_exception</c>.</summary>
    ServiceUnavailable,

    /// <summary>A <c>_bulk</c> reply of 200 with <c>errors: true</c>, where every other item failed with 429.</summary>
    PartialBulkFailure,

    /// <summary>A <c>_bulk</c> reply whose first item failed with 400 <c>mapper_parsing_exception</c>.</summary>
    MappingError,

    /// <summary>The reply waits <see cref="FakeOpenSearch.SlowResponseDelay"/> before the request is handled.</summary>
    SlowResponse,
}
