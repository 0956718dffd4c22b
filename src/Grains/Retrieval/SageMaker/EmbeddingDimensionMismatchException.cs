namespace MedifyAI.Retrieval.SageMaker;

/// <summary>
/// An embedding endpoint returned vectors of a length other than the configured index dimension. Storing them would
/// corrupt the index, so the batch fails instead.
/// </summary>
public sealed class EmbeddingDimensionMismatchException : InvalidOperationException
{
    public EmbeddingDimensionMismatchException(string endpointName, int expected, int actual)
        : base(
            $"Embedding endpoint '{endpointName}' returned vectors of {actual} dimensions, but " +
            $"{SageMakerEmbeddingOptions.SectionName}:Dimensions is {expected}. Set it to the model's vector length " +
            "(and re-create the index), or point the setting at the intended model.")
    {
        EndpointName = endpointName;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Endpoint that returned the vectors.</summary>
    public string EndpointName { get; }

    /// <summary>Configured dimension.</summary>
    public int Expected { get; }

    /// <summary>Dimension the endpoint returned.</summary>
    public int Actual { get; }
}
