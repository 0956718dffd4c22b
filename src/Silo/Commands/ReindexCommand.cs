using System.Diagnostics;
using Amazon.Runtime;
using MedifyAI.Retrieval;
using MedifyAI.Retrieval.OpenSearch;
using MedifyAI.Silo.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MedifyAI.Silo.Commands;

/// <summary>
/// The <c>reindex</c> command: <c>dotnet MedifyAI.Silo.dll reindex --dataset NAME --from Embedded --to OpenSearch</c>
/// copies every chunk of one dataset from one vector index to the other and exits. Both indexes are built from the
/// configuration the silo reads (appsettings, <c>MedifyAI__...</c> environment variables, <c>--MedifyAI:...=</c>
/// arguments), whichever <c>MedifyAI:VectorIndex:Provider</c> selects.
/// </summary>
/// <remarks>
/// By default each chunk's text is embedded again with the embedder <c>MedifyAI:Embeddings:Provider</c> selects, so
/// the target's vectors match the embedder the silo queries with; <c>--keep-vectors</c> copies the stored vectors.
/// Chunk ids are kept, so a second run replaces the chunks rather than adding copies. Exit codes: 0 when the copy
/// finished, 2 for invalid arguments or configuration, 1 when opening, reading, embedding or writing failed.
/// </remarks>
public static class ReindexCommand
{
    public const string Name = "reindex";
    public const string Embedded = "Embedded";
    public const string OpenSearch = "OpenSearch";

    /// <summary>Whether the first command-line argument selects this command.</summary>
    public static bool IsRequested(string[] args) =>
        args.Length > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the command on the console; Ctrl+C cancels the copy.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, eventArgs) =>
        {
            eventArgs.Cancel = true;
            cancellation.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, configureServices: null, cancellation.Token);
    }

    /// <summary>
    /// Runs the command with its output and errors sent to the given writers and returns the exit code.
    /// <paramref name="configureServices"/> runs after the silo's registrations, so a caller can replace one.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        var arguments = ReindexArguments.Parse(args.Length > 0 && IsRequested(args) ? args[1..] : args, out var problem);
        if (arguments is null)
        {
            await error.WriteLineAsync($"reindex: {problem}");
            await error.WriteLineAsync(ReindexArguments.Usage);
            return 2;
        }

        using var host = BuildHost(arguments, configureServices, out var configurationError);
        if (host is null)
        {
            await error.WriteLineAsync($"reindex: {configurationError}");
            return 2;
        }

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReindexCommand));
        IVectorIndex source, target;
        int targetDimension;
        try
        {
            source = ResolveIndex(host.Services, arguments.Source);
            target = ResolveIndex(host.Services, arguments.Target);
            targetDimension = target is OpenSearchVectorIndex
                ? host.Services.GetRequiredService<IOptions<OpenSearchOptions>>().Value.Dimension
                : ((EmbeddedVectorIndex)target).Dimensions;
        }
        catch (OptionsValidationException exception)
        {
            await error.WriteLineAsync($"reindex: invalid configuration: {string.Join(" ", exception.Failures)}");
            return 2;
        }
        catch (IOException exception)
        {
            // The embedded index could not be opened, most often because a running silo has its directory locked.
            await error.WriteLineAsync($"reindex: {exception.Message}");
            return 1;
        }

        var embedder = arguments.KeepVectors
            ? null
            : host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var copier = new Copier(arguments, source, target, targetDimension, embedder, output);
        ReindexLog.Started(logger, arguments.Dataset, arguments.Source, arguments.Target, arguments.KeepVectors, arguments.BatchSize);
        try
        {
            var elapsed = await copier.CopyAsync(cancellationToken);
            ReindexLog.Completed(logger, copier.Written, arguments.Dataset, arguments.Source, arguments.Target, elapsed.TotalSeconds);
            await output.WriteLineAsync(
                $"copied {copier.Written} chunks of {arguments.Dataset} from {arguments.Source} to {arguments.Target} " +
                $"in {elapsed.TotalSeconds:F1} s");
            return 0;
        }
        catch (Exception exception) when (exception is OpenSearchException or InvalidOperationException or ArgumentException
            or HttpRequestException or SqliteException or IOException or OperationCanceledException
            or AmazonClientException)
        {
            ReindexLog.Failed(logger, exception, arguments.Dataset, arguments.Source, arguments.Target, copier.Written);

            // The SDK's credential error lists every provider it tried on further lines; the first line names the failure.
            var reason = exception.Message.Split('\n', 2)[0];
            await error.WriteLineAsync(
                $"reindex: failed after copying {copier.Written} chunks of {arguments.Dataset}: {reason}");
            return 1;
        }
    }

    /// <summary>
    /// Builds a host with the silo's grain services and both index types, without starting it. Returns null with
    /// <paramref name="configurationError"/> set when the configuration names an unknown provider.
    /// </summary>
    private static IHost? BuildHost(
        ReindexArguments arguments,
        Action<IServiceCollection>? configureServices,
        out string? configurationError)
    {
        configurationError = null;
        var builder = Host.CreateApplicationBuilder(arguments.HostArguments);
        try
        {
            builder.Services.AddMedifyGrainServices(builder.Configuration);
        }
        catch (OptionsValidationException exception)
        {
            configurationError = $"invalid configuration: {string.Join(" ", exception.Failures)}";
            return null;
        }

        // The silo registers the OpenSearch index only when it is the selected provider; the command needs it as
        // either end of the copy.
        if (!builder.Services.Any(descriptor => descriptor.ServiceType == typeof(OpenSearchVectorIndex)))
        {
            builder.Services.AddOpenSearchVectorIndex(builder.Configuration);
        }

        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    private static IVectorIndex ResolveIndex(IServiceProvider services, string name) => name == OpenSearch
        ? services.GetRequiredService<OpenSearchVectorIndex>()
        : services.GetRequiredService<EmbeddedVectorIndex>();

    /// <summary>Streams one dataset from the source into the target in batches, counting as it goes.</summary>
    private sealed class Copier(
        ReindexArguments arguments,
        IVectorIndex source,
        IVectorIndex target,
        int targetDimension,
        IEmbeddingGenerator<string, Embedding<float>>? embedder,
        TextWriter output)
    {
        /// <summary>Chunks the target accepted so far.</summary>
        public long Written { get; private set; }

        public async Task<TimeSpan> CopyAsync(CancellationToken cancellationToken)
        {
            var stopwatch = Stopwatch.StartNew();
            var expected = await source.CountAsync(arguments.Dataset, cancellationToken);
            if (expected == 0)
            {
                throw new InvalidOperationException(
                    $"The {arguments.Source} index has no chunks of dataset '{arguments.Dataset}'. Check --dataset and " +
                    $"the index settings ({IndexSetting(arguments.Source)}).");
            }

            await output.WriteLineAsync($"copying {expected} chunks of {arguments.Dataset} from {arguments.Source} to {arguments.Target}");
            var batch = new List<IndexedChunk>(arguments.BatchSize);
            await foreach (var chunk in source.ReadDatasetAsync(arguments.Dataset, cancellationToken))
            {
                batch.Add(chunk);
                if (batch.Count == arguments.BatchSize)
                {
                    await WriteAsync(batch, expected, cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch, expected, cancellationToken);
            }

            await target.FlushAsync(cancellationToken);
            var stored = await target.CountAsync(arguments.Dataset, cancellationToken);
            await output.WriteLineAsync($"the {arguments.Target} index now holds {stored} chunks of {arguments.Dataset}");
            return stopwatch.Elapsed;
        }

        private async Task WriteAsync(List<IndexedChunk> batch, long expected, CancellationToken cancellationToken)
        {
            IReadOnlyList<IndexedChunk> chunks = batch;
            if (embedder is not null)
            {
                // Passages are embedded as the ingestion embeds them: without query options.
                var embeddings = await embedder.GenerateAsync(batch.Select(chunk => chunk.Text), null, cancellationToken);
                if (embeddings.Count != batch.Count)
                {
                    throw new InvalidOperationException(
                        $"The embedder returned {embeddings.Count} vectors for {batch.Count} passages.");
                }

                chunks = batch.Select((chunk, i) => chunk with { Vector = embeddings[i].Vector }).ToList();
            }

            ThrowIfWrongDimension(chunks[0].Vector.Length);
            await target.UpsertAsync(chunks, null, cancellationToken);
            Written += chunks.Count;
            await output.WriteLineAsync($"copied {Written} of {expected} chunks");
        }

        private void ThrowIfWrongDimension(int length)
        {
            // An empty embedded target takes the length of the first vector it stores.
            if (targetDimension == 0 || length == targetDimension)
            {
                return;
            }

            var fix = arguments.KeepVectors
                ? "Run without --keep-vectors to embed the text again with the configured embedder, or copy into an " +
                  "index of that dimension."
                : "Set MedifyAI:Embeddings to the embedder the target index was built with, or use an index of the " +
                  "embedder's dimension.";
            throw new InvalidOperationException(
                $"The {(arguments.KeepVectors ? "stored" : "embedded")} vectors of dataset '{arguments.Dataset}' have " +
                $"{length} dimensions, but the {arguments.Target} index has {targetDimension} ({DimensionSetting(arguments.Target)}). {fix}");
        }

        private static string IndexSetting(string index) => index == OpenSearch
            ? $"{OpenSearchOptions.SectionName}:Endpoint and IndexName"
            : $"{VectorIndexOptions.SectionName}:Directory or MedifyAI:DataDirectory";

        private static string DimensionSetting(string index) => index == OpenSearch
            ? $"{OpenSearchOptions.SectionName}:Dimension"
            : "the vectors already stored in it";
    }
}
