using System.Globalization;
using Amazon.Runtime;
using MedifyAI.Generation.SageMaker;
using MedifyAI.Retrieval;
using MedifyAI.Retrieval.SageMaker;
using MedifyAI.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedifyAI.Tests.Retrieval;

public sealed class SageMakerEmbeddingTests : IAsyncLifetime
{
    private const int Dimensions = 64;
    private FakeSageMakerRuntime _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeSageMakerRuntime.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Passages_BatchedSignedAndNormalised()
    {
        await using var provider = Build(batchSize: 2);
        var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        string[] texts = ["fever and cough", "chest pain", "rash on arms", "headache", "back pain at night"];

        var embeddings = await embedder.GenerateAsync(texts);

        Assert.IsType<SageMakerEmbeddingGenerator>(embedder);
        Assert.Equal(texts.Length, embeddings.Count);
        Assert.Equal(3, _fake.Requests.Count);
        Assert.Equal(_fake.Requests.Count, _fake.SignedRequestCount);
        Assert.All(_fake.Requests, request =>
            Assert.Equal($"/endpoints/{FakeSageMakerRuntime.PassageEmbeddingEndpoint}/invocations", request.Path));
        for (var i = 0; i < texts.Length; i++)
        {
            var expected = FakeSageMakerRuntime.FakeEmbedding(
                FakeSageMakerRuntime.PassageEmbeddingEndpoint, "passage: " + texts[i], Dimensions);
            var norm = Math.Sqrt(expected.Sum(v => (double)v * v));
            var vector = embeddings[i].Vector.ToArray();
            Assert.Equal(Dimensions, vector.Length);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 5);
            for (var d = 0; d < Dimensions; d++)
            {
                Assert.Equal(expected[d] / norm, vector[d], 5);
            }
        }

        Assert.All(_fake.EmbeddedTexts, item => Assert.StartsWith("passage: ", item.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Queries_UseQueryEndpointAndPrefix()
    {
        await using var provider = Build();
        var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var options = new EmbeddingGenerationOptions
        {
            AdditionalProperties = new() { [LexicalEmbeddingGenerator.InputTypeKey] = LexicalEmbeddingGenerator.QueryInputType },
        };

        var embeddings = await embedder.GenerateAsync(["sudden chest pain"], options);

        Assert.Single(embeddings);
        var (endpoint, text) = Assert.Single(_fake.EmbeddedTexts);
        Assert.Equal(FakeSageMakerRuntime.QueryEmbeddingEndpoint, endpoint);
        Assert.Equal("query: sudden chest pain", text);
    }

    [Fact]
    public async Task Embedding_WrongDimensionFailsClearly()
    {
        await using var provider = Build();
        var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        _fake.EnqueueFault(FakeSageMakerFault.WrongDimension);

        var error = await Assert.ThrowsAsync<EmbeddingDimensionMismatchException>(() => embedder.GenerateAsync(["fever"]));

        Assert.Equal(Dimensions, error.Expected);
        Assert.Equal(Dimensions + 1, error.Actual);
        Assert.Equal(FakeSageMakerRuntime.PassageEmbeddingEndpoint, error.EndpointName);
        Assert.Contains("MedifyAI:Embeddings:SageMaker:Dimensions is 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embedding_ThrottlingAndServerErrorsRetried()
    {
        await using var provider = Build();
        var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        _fake.EnqueueFault(FakeSageMakerFault.Throttling);
        _fake.EnqueueFault(FakeSageMakerFault.ServiceUnavailable);

        var embeddings = await embedder.GenerateAsync(["fever"]);

        Assert.Single(embeddings);
        Assert.Equal(3, _fake.Requests.Count);
        Assert.Equal(3, _fake.SignedRequestCount);
    }

    [Fact]
    public async Task Embedding_ValidationErrorNotRetried()
    {
        await using var provider = Build();
        var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        _fake.EnqueueFault(FakeSageMakerFault.Validation);

        var error = await Assert.ThrowsAsync<SageMakerException>(() => embedder.GenerateAsync(["fever"]));

        Assert.Equal(400, (int)error.StatusCode);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task Embedding_MalformedBodyRaisesInvalidData()
    {
        await using var provider = Build();
        var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        _fake.EnqueueFault(FakeSageMakerFault.MalformedJson);

        await Assert.ThrowsAsync<InvalidDataException>(() => embedder.GenerateAsync(["fever"]));
    }

    [Fact]
    public async Task Embedding_WrongSecretRejectedBySignatureCheck()
    {
        await using var provider = Build(secretKey: "not-the-secret");
        var embedder = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var error = await Assert.ThrowsAsync<SageMakerException>(() => embedder.GenerateAsync(["fever"]));

        Assert.Equal(403, (int)error.StatusCode);
        Assert.Equal(0, _fake.SignedRequestCount);
    }

    [Fact]
    public async Task Options_InvalidValuesNamedAtStart()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MedifyAI:Embeddings:SageMaker:Region"] = "nowhere",
                ["MedifyAI:Embeddings:SageMaker:BatchSize"] = "0",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSageMakerEmbeddings(configuration);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<SageMakerEmbeddingOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("MedifyAI:Embeddings:SageMaker:Region", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("MedifyAI:Embeddings:SageMaker:PassageEndpointName", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("MedifyAI:Embeddings:SageMaker:Dimensions", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("MedifyAI:Embeddings:SageMaker:BatchSize", StringComparison.Ordinal));
    }

    private ServiceProvider Build(int batchSize = 8, string secretKey = FakeSageMakerRuntime.SecretKey)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MedifyAI:Embeddings:SageMaker:Region"] = FakeSageMakerRuntime.Region,
                ["MedifyAI:Embeddings:SageMaker:ServiceUrl"] = _fake.BaseUrl.ToString(),
                ["MedifyAI:Embeddings:SageMaker:PassageEndpointName"] = FakeSageMakerRuntime.PassageEmbeddingEndpoint,
                ["MedifyAI:Embeddings:SageMaker:QueryEndpointName"] = FakeSageMakerRuntime.QueryEmbeddingEndpoint,
                ["MedifyAI:Embeddings:SageMaker:Dimensions"] = Dimensions.ToString(CultureInfo.InvariantCulture),
                ["MedifyAI:Embeddings:SageMaker:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
                ["MedifyAI:Embeddings:SageMaker:QueryPrefix"] = "query: ",
                ["MedifyAI:Embeddings:SageMaker:PassagePrefix"] = "passage: ",
                ["MedifyAI:Embeddings:SageMaker:Timeout"] = "00:00:05",
                ["MedifyAI:Embeddings:SageMaker:RetryBaseDelay"] = "00:00:00.020",
            })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(FakeSageMakerRuntime.AccessKey, secretKey));
        services.AddSageMakerEmbeddings(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
