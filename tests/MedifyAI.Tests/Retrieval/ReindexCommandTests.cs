using Amazon.Runtime;
using MedifyAI.Retrieval;
using MedifyAI.Retrieval.OpenSearch;
using MedifyAI.Silo.Commands;
using MedifyAI.Tests.Fakes;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace MedifyAI.Tests.Retrieval;

/// <summary>
/// The silo's <c>reindex</c> command, run in-process through <see cref="ReindexCommand.RunAsync(string[], TextWriter,
/// TextWriter, Action{IServiceCollection}?, CancellationToken)"/>, which Program calls too. The source is the
/// embedded index of the ingested PMC-Patients slice; the target is the fake OpenSearch.
/// </summary>
public sealed class ReindexCommandTests(EmbeddedPmcIndexFixture pmc, ITestOutputHelper output)
    : IClassFixture<EmbeddedPmcIndexFixture>, IAsyncLifetime
{
    private const string Dataset = EmbeddedPmcIndexFixture.Dataset;

    private FakeOpenSearch _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeOpenSearch.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task EmbeddedToOpenSearch_CopiesPmcSlice()
    {
        var indexName = "reindex-copy";

        var result = await RunAsync(_fake, ["--dataset", Dataset, "--from", "Embedded", "--to", "OpenSearch"], indexName);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(_fake.Rejections);
        Assert.Equal(pmc.ChunksIndexed, _fake.DocumentCount(indexName));
        Assert.Matches(
            $@"^copied {pmc.ChunksIndexed} chunks of {Dataset} from Embedded to OpenSearch in \d+\.\d s$",
            result.Lines[^1]);
        Assert.Contains($"copying {pmc.ChunksIndexed} chunks of {Dataset} from Embedded to OpenSearch", result.Lines);
        Assert.Contains($"copied {pmc.ChunksIndexed} of {pmc.ChunksIndexed} chunks", result.Lines);

        // Progress lines carry counts only, never passage text.
        using var embedded = OpenEmbedded(pmc.DataDirectory);
        var sourceChunks = await embedded.ReadDatasetAsync(Dataset, CancellationToken.None).ToListAsync();
        Assert.All(result.Lines, line => Assert.DoesNotContain(sourceChunks[0].Text[..40], line, StringComparison.Ordinal));

        var (services, target) = BuildOpenSearch(_fake, indexName, EmbeddedPmcIndexFixture.Dimension);
        await using var _ = services;
        var targetChunks = await target.ReadDatasetAsync(Dataset, CancellationToken.None).ToListAsync();
        Assert.Equal(sourceChunks.Select(c => c.ChunkId), targetChunks.Select(c => c.ChunkId));
        for (var i = 0; i < sourceChunks.Count; i += 97)
        {
            Assert.Equal(sourceChunks[i] with { Vector = default }, targetChunks[i] with { Vector = default });
        }

        // The target's vectors come from the embedder at full precision, not from the float16 copies in SQLite.
        var embedder = Embedder();
        var fresh = (await embedder.GenerateAsync([sourceChunks[0].Text], null)).Single().Vector.ToArray();
        Assert.Equal(fresh, targetChunks[0].Vector.ToArray());
        Assert.NotEqual(sourceChunks[0].Vector.ToArray(), targetChunks[0].Vector.ToArray());

        // Each sampled passage, used as a query, finds itself first in both indexes.
        foreach (var chunk in sourceChunks.Where((_, i) => i % 150 == 0))
        {
            var query = (await embedder.GenerateAsync([chunk.Text], QueryOptions)).Single().Vector;
            var fromTarget = await target.SearchAsync(query, 3, Dataset, includeText: true, CancellationToken.None);
            var fromSource = embedded.Search(query.Span, 3, Dataset);
            Assert.Equal(chunk.ChunkId, fromTarget[0].ChunkId);
            Assert.Equal(chunk.ChunkId, fromSource[0].ChunkId);
            Assert.Equal(chunk.RecordId, fromTarget[0].RecordId);
            Assert.Equal(chunk.Text, fromTarget[0].Text);
        }

        output.WriteLine(string.Join('\n', result.Lines));
    }

    [Fact]
    public async Task Rerun_ChangesNoCount()
    {
        var indexName = "reindex-rerun";
        string[] args = ["--dataset", Dataset, "--from", "Embedded", "--to", "OpenSearch", "--batch-size", "250"];

        var first = await RunAsync(_fake, args, indexName);
        var afterFirst = _fake.DocumentCount(indexName);
        var second = await RunAsync(_fake, args, indexName);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(pmc.ChunksIndexed, afterFirst);
        Assert.Equal(afterFirst, _fake.DocumentCount(indexName));
        Assert.Contains($"the OpenSearch index now holds {pmc.ChunksIndexed} chunks of {Dataset}", second.Lines);
        Assert.Empty(_fake.Rejections);
    }

    [Fact]
    public async Task KeepVectors_CopiesStoredVectorsBothWays()
    {
        var indexName = "reindex-keep";
        var result = await RunAsync(
            _fake, ["--dataset", Dataset, "--from", "Embedded", "--to", "OpenSearch", "--keep-vectors"], indexName);
        Assert.Equal(0, result.ExitCode);

        using var embedded = OpenEmbedded(pmc.DataDirectory);
        var sourceChunks = await embedded.ReadDatasetAsync(Dataset, CancellationToken.None).ToListAsync();
        var (services, target) = BuildOpenSearch(_fake, indexName, EmbeddedPmcIndexFixture.Dimension);
        await using var _ = services;
        var targetChunks = await target.ReadDatasetAsync(Dataset, CancellationToken.None).ToListAsync();
        Assert.Equal(sourceChunks.Count, targetChunks.Count);
        Assert.Equal(sourceChunks[0].Vector.ToArray(), targetChunks[0].Vector.ToArray());
        Assert.Equal(sourceChunks[^1].Vector.ToArray(), targetChunks[^1].Vector.ToArray());

        // Back into an empty embedded index in another data directory.
        using var copyDirectory = new TempDirectory("medifyai-reindex-back");
        var back = await RunAsync(
            _fake,
            ["--dataset", Dataset, "--from", "OpenSearch", "--to", "Embedded", "--keep-vectors"],
            indexName,
            dataDirectory: copyDirectory.Path);

        Assert.Equal(0, back.ExitCode);
        Assert.Matches($@"^copied {sourceChunks.Count} chunks of {Dataset} from OpenSearch to Embedded in ", back.Lines[^1]);
        using var copy = OpenEmbedded(copyDirectory.Path);
        var copied = await copy.ReadDatasetAsync(Dataset, CancellationToken.None).ToListAsync();
        Assert.Equal(sourceChunks.Select(c => c.ChunkId), copied.Select(c => c.ChunkId));
        Assert.Equal(sourceChunks[0].Vector.ToArray(), copied[0].Vector.ToArray());
        Assert.Equal(sourceChunks[^1] with { Vector = default }, copied[^1] with { Vector = default });
    }

    [Fact]
    public async Task KeepVectors_DimensionMismatchFails()
    {
        var indexName = "reindex-mismatch";

        var result = await RunAsync(
            _fake,
            ["--dataset", Dataset, "--from", "Embedded", "--to", "OpenSearch", "--keep-vectors"],
            indexName,
            openSearchDimension: 256);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"The stored vectors of dataset '{Dataset}' have {EmbeddedPmcIndexFixture.Dimension} dimensions, but the " +
            "OpenSearch index has 256 (MedifyAI:OpenSearch:Dimension). Run without --keep-vectors",
            result.Error,
            StringComparison.Ordinal);
        Assert.Contains("failed after copying 0 chunks", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _fake.DocumentCount(indexName));
    }

    [Fact]
    public async Task Reembedding_DimensionMismatchFails()
    {
        var result = await RunAsync(
            _fake,
            ["--dataset", Dataset, "--from", "Embedded", "--to", "OpenSearch"],
            "reindex-embed-mismatch",
            openSearchDimension: 256);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The embedded vectors of dataset 'pmc' have 512 dimensions", result.Error, StringComparison.Ordinal);
        Assert.Contains("Set MedifyAI:Embeddings", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "--from Embedded --to OpenSearch", "--dataset is missing.")]
    [InlineData(2, "--dataset pmc --from Elastic --to OpenSearch", "--from 'Elastic' is not an index type; use Embedded or OpenSearch.")]
    [InlineData(2, "--dataset pmc --from Embedded", "--to is missing.")]
    [InlineData(2, "--dataset pmc --from OpenSearch --to opensearch", "--from and --to are both OpenSearch")]
    [InlineData(2, "--dataset pmc --from Embedded --to OpenSearch --keep-vector", "Unknown argument '--keep-vector'.")]
    [InlineData(2, "--dataset pmc --from Embedded --to OpenSearch --batch-size 0", "--batch-size '0' is invalid")]
    [InlineData(2, "--dataset pmc --dataset other --from Embedded --to OpenSearch", "--dataset is given twice.")]
    [InlineData(2, "--dataset --from Embedded --to OpenSearch", "--dataset needs a value.")]
    [InlineData(2, "--dataset ../pmc --from Embedded --to OpenSearch",
        "--dataset '../pmc' is invalid: use 1 to 63 lowercase letters, digits and hyphens")]
    [InlineData(2, "--dataset PMC --from Embedded --to OpenSearch", "--dataset 'PMC' is invalid")]
    [InlineData(2, "--dataset pmc --from Embedded --to OpenSearch --batch-size 5 --batch-size 7", "--batch-size is given twice.")]
    [InlineData(2, "--dataset pmc --from Embedded --to OpenSearch --MedifyAI:VectorIndex:Provider=Elastic",
        "MedifyAI:VectorIndex:Provider is 'Elastic'; set Embedded (the default) or OpenSearch.")]
    [InlineData(2, "--dataset pmc --from Embedded --to OpenSearch --MedifyAI:OpenSearch:Engine=annoy",
        "MedifyAI:OpenSearch:Engine is 'annoy'; set faiss or lucene.")]
    [InlineData(1, "--dataset no-such-dataset --from Embedded --to OpenSearch",
        "The Embedded index has no chunks of dataset 'no-such-dataset'. Check --dataset")]
    public async Task BadArguments_ExitNonZero(int exitCode, string arguments, string message)
    {
        var result = await RunAsync(_fake, arguments.Split(' '), "reindex-bad");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("reindex: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _fake.DocumentCount("reindex-bad"));
    }

    [Fact]
    public async Task EmbeddedIndexInUse_ExitsWithoutCopying()
    {
        // A running silo keeps the embedded index open for its whole life.
        using (OpenEmbedded(pmc.DataDirectory))
        {
            var result = await RunAsync(_fake, ["--dataset", Dataset, "--from", "Embedded", "--to", "OpenSearch"], "reindex-in-use");

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("reindex: ", result.Error, StringComparison.Ordinal);
            Assert.Contains("is in use by another process", result.Error, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(pmc.DataDirectory, "index"), result.Error, StringComparison.Ordinal);
            Assert.Equal(0, _fake.DocumentCount("reindex-in-use"));
        }
    }

    [Fact]
    public async Task MissingAwsCredentials_ExitsWithMessage()
    {
        // What the SDK's default credential chain throws on a machine with no AWS credentials.
        var result = await RunAsync(
            _fake,
            ["--dataset", Dataset, "--from", "Embedded", "--to", "OpenSearch"],
            "reindex-no-credentials",
            configureServices: services => services.AddSingleton<AWSCredentials>(
                _ => throw new AmazonClientException("Failed to resolve AWS credentials.\nException 1 of 4: ...")));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed after copying 0 chunks of pmc", result.Error, StringComparison.Ordinal);
        Assert.Contains("Failed to resolve AWS credentials.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception 1 of 4", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _fake.DocumentCount("reindex-no-credentials"));
    }

    [Fact]
    public async Task TargetFailure_ExitsWithMessage()
    {
        // Every attempt (the first and MaxRetryAttempts = 1 retry) of the first request gets 503.
        _fake.EnqueueFault(FakeOpenSearchFault.ServiceUnavailable);
        _fake.EnqueueFault(FakeOpenSearchFault.ServiceUnavailable);

        var result = await RunAsync(
            _fake,
            ["--dataset", Dataset, "--from", "Embedded", "--to", "OpenSearch", "--MedifyAI:OpenSearch:MaxRetryAttempts=1"],
            "reindex-unavailable");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed after copying 0 chunks of pmc", result.Error, StringComparison.Ordinal);
        Assert.Contains("OpenSearch HEAD reindex-unavailable failed with 503", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Lines, line => line.StartsWith("copied ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmbeddedToServerless_CopiesAndReruns()
    {
        await using var serverless = await FakeOpenSearch.StartAsync(FakeOpenSearchMode.Serverless);
        var indexName = "reindex-aoss";
        string[] args = ["--dataset", Dataset, "--from", "Embedded", "--to", "OpenSearch", "--MedifyAI:OpenSearch:Service=aoss"];

        var first = await RunAsync(serverless, args, indexName);
        var second = await RunAsync(serverless, args, indexName);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Empty(serverless.Rejections);
        Assert.Equal(pmc.ChunksIndexed, serverless.DocumentCount(indexName));
        Assert.DoesNotContain(serverless.RequestLines, line => line.Contains("_refresh", StringComparison.Ordinal));
        Assert.Matches($@"^copied {pmc.ChunksIndexed} chunks of {Dataset} from Embedded to OpenSearch in ", second.Lines[^1]);
    }

    private static readonly EmbeddingGenerationOptions QueryOptions = new()
    {
        AdditionalProperties = new() { [LexicalEmbeddingGenerator.InputTypeKey] = LexicalEmbeddingGenerator.QueryInputType },
    };

    private static LexicalEmbeddingGenerator Embedder() =>
        new(Options.Create(new LexicalEmbeddingOptions { Dimensions = EmbeddedPmcIndexFixture.Dimension }));

    private static EmbeddedVectorIndex OpenEmbedded(string dataDirectory) => new(
        Options.Create(new VectorIndexOptions { Directory = Path.Combine(dataDirectory, "index") }),
        NullLogger<EmbeddedVectorIndex>.Instance);

    private async Task<(int ExitCode, string[] Lines, string Error)> RunAsync(
        FakeOpenSearch fake,
        string[] arguments,
        string indexName,
        int openSearchDimension = EmbeddedPmcIndexFixture.Dimension,
        string? dataDirectory = null,
        Action<IServiceCollection>? configureServices = null)
    {
        using var standardOutput = new StringWriter();
        using var standardError = new StringWriter();
        string[] args =
        [
            "reindex",
            .. arguments,
            $"--MedifyAI:DataDirectory={dataDirectory ?? pmc.DataDirectory}",
            $"--MedifyAI:Embeddings:Lexical:Dimensions={EmbeddedPmcIndexFixture.DimensionText}",
            $"--MedifyAI:OpenSearch:Endpoint={fake.BaseUrl}",
            $"--MedifyAI:OpenSearch:Region={FakeOpenSearch.Region}",
            $"--MedifyAI:OpenSearch:IndexName={indexName}",
            $"--MedifyAI:OpenSearch:Dimension={openSearchDimension}",
            "--MedifyAI:OpenSearch:RetryBaseDelay=00:00:00.010",
        ];

        var exitCode = await ReindexCommand.RunAsync(
            args,
            standardOutput,
            standardError,
            configureServices ?? (services => services.AddSingleton<AWSCredentials>(
                new BasicAWSCredentials(FakeOpenSearch.AccessKey, FakeOpenSearch.SecretKey))),
            CancellationToken.None);
        var error = standardError.ToString();
        if (error.Length > 0)
        {
            output.WriteLine(error);
        }

        return (exitCode, standardOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error);
    }

    private static (ServiceProvider Services, OpenSearchVectorIndex Index) BuildOpenSearch(
        FakeOpenSearch fake,
        string indexName,
        int dimension)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MedifyAI:OpenSearch:Endpoint"] = fake.BaseUrl.ToString(),
                ["MedifyAI:OpenSearch:Region"] = FakeOpenSearch.Region,
                ["MedifyAI:OpenSearch:IndexName"] = indexName,
                ["MedifyAI:OpenSearch:Dimension"] = dimension.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["MedifyAI:OpenSearch:Service"] = fake.Mode == FakeOpenSearchMode.Serverless ? "aoss" : "es",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(FakeOpenSearch.AccessKey, FakeOpenSearch.SecretKey));
        services.AddOpenSearchVectorIndex(configuration);
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<OpenSearchVectorIndex>());
    }
}
