using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using MedifyAI.Aws;
using MedifyAI.Generation.SageMaker;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace MedifyAI.Retrieval.SageMaker;

/// <summary>Registers <see cref="SageMakerEmbeddingGenerator"/> as the embedder.</summary>
public static class SageMakerEmbeddingServiceCollectionExtensions
{
    /// <summary>Name of the signed <see cref="HttpClient"/> of the embedding endpoints.</summary>
    public const string HttpClientName = "MedifyAI.SageMaker.Embeddings";

    /// <summary>
    /// Binds <see cref="SageMakerEmbeddingOptions"/> from <c>MedifyAI:Embeddings:SageMaker</c>, validated at
    /// start-up, and registers the SageMaker embedder on its own signed, retrying <see cref="HttpClient"/>.
    /// </summary>
    /// <remarks>
    /// Credentials come from an <see cref="AWSCredentials"/> registered before this call, or else from the AWS SDK's
    /// default chain. Retries cover 408, 429, 5xx, connection failures and attempt timeouts, with jittered
    /// exponential backoff; every attempt is signed again.
    /// </remarks>
    public static IServiceCollection AddSageMakerEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SageMakerEmbeddingOptions>()
            .Bind(configuration.GetSection(SageMakerEmbeddingOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SageMakerEmbeddingOptions>, SageMakerEmbeddingOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());

        services
            .AddHttpClient(HttpClientName, (provider, client) =>
            {
                client.BaseAddress = provider.GetRequiredService<IOptions<SageMakerEmbeddingOptions>>().Value.ResolveServiceUrl();
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
                ConfigureResilience(resilience, provider.GetRequiredService<IOptions<SageMakerEmbeddingOptions>>().Value));

        services
            .AddHttpClient(HttpClientName)
            .AddHttpMessageHandler(provider => new AwsSigningHandler(
                new AwsRequestSigner(
                    provider.GetRequiredService<IOptions<SageMakerEmbeddingOptions>>().Value.Region,
                    SageMakerServiceCollectionExtensions.SigningService),
                provider.GetRequiredService<AWSCredentials>,
                provider.GetRequiredService<TimeProvider>()));

        services.RemoveAll<IEmbeddingGenerator<string, Embedding<float>>>();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(provider => new SageMakerEmbeddingGenerator(
            new SageMakerRuntimeClient(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                provider.GetRequiredService<ILogger<SageMakerRuntimeClient>>()),
            provider.GetRequiredService<IOptions<SageMakerEmbeddingOptions>>()));
        return services;
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, SageMakerEmbeddingOptions options)
    {
        resilience.AttemptTimeout.Timeout = options.Timeout;

        // The standard handler requires at least one retry attempt, so 0 keeps one and never triggers it.
        resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts);
        resilience.Retry.Delay = options.RetryBaseDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.ShouldHandle = args =>
            ValueTask.FromResult(options.MaxRetryAttempts > 0 && IsTransient(args.Outcome));

        var worstCaseDelay = TimeSpan.FromTicks(options.RetryBaseDelay.Ticks * (1L << Math.Min(options.MaxRetryAttempts, 10)));
        resilience.TotalRequestTimeout.Timeout =
            (options.Timeout * (options.MaxRetryAttempts + 1)) + worstCaseDelay + TimeSpan.FromSeconds(1);

        // The library requires the sampling window to be at least twice the attempt timeout.
        var sampling = options.Timeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
        resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException;
        }

        var status = (int)(outcome.Result?.StatusCode ?? 0);
        return status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
    }
}
