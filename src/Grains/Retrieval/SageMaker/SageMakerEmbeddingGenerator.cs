using System.Text.Json;
using MedifyAI.Generation.SageMaker;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MedifyAI.Retrieval.SageMaker;

/// <summary>
/// Embeds texts with SageMaker endpoints that run a Hugging Face feature-extraction container. Queries (marked with
/// <see cref="LexicalEmbeddingGenerator.InputTypeKey"/> = <see cref="LexicalEmbeddingGenerator.QueryInputType"/>)
/// go to the query endpoint with the query prefix, everything else to the passage endpoint with the passage prefix.
/// </summary>
/// <remarks>
/// Texts are sent in batches of <see cref="SageMakerEmbeddingOptions.BatchSize"/>, one request at a time, so the
/// endpoint sees at most one request per caller. Every vector is checked against
/// <see cref="SageMakerEmbeddingOptions.Dimensions"/>.
/// </remarks>
public sealed class SageMakerEmbeddingGenerator(
    SageMakerRuntimeClient runtime,
    IOptions<SageMakerEmbeddingOptions> options) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly SageMakerEmbeddingOptions _options = options.Value;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var query = options?.AdditionalProperties?.TryGetValue(LexicalEmbeddingGenerator.InputTypeKey, out var type) == true
            && string.Equals(type as string, LexicalEmbeddingGenerator.QueryInputType, StringComparison.Ordinal);
        var endpoint = query ? _options.ResolveQueryEndpointName() : _options.PassageEndpointName;
        var prefix = query ? _options.QueryPrefix : _options.PassagePrefix;

        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in values.Chunk(_options.BatchSize))
        {
            var inputs = batch.Select(text => prefix + text).ToArray();
            var vectors = await InvokeAsync(endpoint, inputs, cancellationToken).ConfigureAwait(false);
            foreach (var vector in vectors)
            {
                embeddings.Add(new Embedding<float>(vector) { ModelId = endpoint });
            }
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private async Task<float[][]> InvokeAsync(string endpoint, string[] inputs, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new EmbeddingRequest(inputs), EmbeddingJsonContext.Default.EmbeddingRequest);
        var response = await runtime
            .InvokeEndpointAsync(new SageMakerInvokeRequest(endpoint, body), cancellationToken)
            .ConfigureAwait(false);

        float[][]? vectors;
        try
        {
            vectors = JsonSerializer.Deserialize(response.Body.Span, EmbeddingJsonContext.Default.SingleArrayArray);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"Embedding endpoint '{endpoint}' returned a body that is not a JSON array of vectors " +
                "([[...], [...]]); check that the container runs a feature-extraction model with pooling.",
                exception);
        }

        if (vectors is null || vectors.Length != inputs.Length)
        {
            throw new InvalidDataException(
                $"Embedding endpoint '{endpoint}' returned {vectors?.Length ?? 0} vectors for {inputs.Length} inputs.");
        }

        foreach (var vector in vectors)
        {
            if (vector.Length != _options.Dimensions)
            {
                throw new EmbeddingDimensionMismatchException(endpoint, _options.Dimensions, vector.Length);
            }

            if (_options.Normalize)
            {
                Normalize(vector);
            }
        }

        return vectors;
    }

    private static void Normalize(float[] vector)
    {
        var sum = 0.0;
        foreach (var value in vector)
        {
            sum += value * (double)value;
        }

        if (sum == 0)
        {
            return;
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}
