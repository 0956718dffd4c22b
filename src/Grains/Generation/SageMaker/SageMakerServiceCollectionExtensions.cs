using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using MedifyAI.Aws;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace MedifyAI.Generation.SageMaker;

/// <summary>Registers the SageMaker chat client.</summary>
public static class SageMakerServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> registered with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "MedifyAI.SageMaker";

    /// <summary>SigV4 signing name of SageMaker Runtime.</summary>
    public const string SigningService = "sagemaker";

    /// <summary>
    /// Registers <see cref="SageMakerOptions"/> bound to <paramref name="section"/> and validated at start-up,
    /// <see cref="SageMakerRuntimeClient"/> on a signed and resilient <see cref="HttpClient"/>, and
    /// <see cref="SageMakerChatClient"/> as the <see cref="IChatClient"/>.
    /// </summary>
    /// <remarks>
    /// Credentials come from an <see cref="AWSCredentials"/> registered before this call, or else from the AWS SDK's
    /// default chain (environment, profile, web identity, container and instance metadata), resolved at the first
    /// request. Retries cover 408, 429, 5xx, connection failures and attempt timeouts only, with jittered
    /// exponential backoff. They end once response headers arrive, so a stream is never replayed.
    /// </remarks>
    public static IServiceCollection AddSageMakerChatClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var sectionPath = (section as IConfigurationSection)?.Path ?? "SageMaker";

        services.AddOptions<SageMakerOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SageMakerOptions>>(new SageMakerOptionsValidator(sectionPath));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());

        services
            .AddHttpClient<SageMakerRuntimeClient>(HttpClientName, (provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<SageMakerOptions>>().Value;
                client.BaseAddress = options.ResolveServiceUrl();

                // The resilience pipeline enforces the per-attempt and total time limits.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
                ConfigureResilience(resilience, provider.GetRequiredService<IOptions<SageMakerOptions>>().Value));

        services
            .AddHttpClient(HttpClientName)
            .AddHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<SageMakerOptions>>().Value;
                return new AwsSigningHandler(
                    new AwsRequestSigner(options.Region, SigningService),
                    provider.GetRequiredService<AWSCredentials>,
                    provider.GetRequiredService<TimeProvider>());
            });

        services.TryAddTransient<SageMakerChatClient>();
        services.TryAddTransient<IChatClient>(provider => provider.GetRequiredService<SageMakerChatClient>());
        return services;
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, SageMakerOptions options)
    {
        resilience.AttemptTimeout.Timeout = options.Timeout;
        // The standard handler requires at least one retry attempt, so 0 keeps one and never triggers it.
        resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts);
        resilience.Retry.Delay = options.RetryBaseDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0 && IsTransient(args.Outcome));

        var worstCaseDelay = TimeSpan.FromTicks(options.RetryBaseDelay.Ticks * (1L << Math.Min(options.MaxRetryAttempts, 10)));
        resilience.TotalRequestTimeout.Timeout =
            (options.Timeout * (options.MaxRetryAttempts + 1)) + worstCaseDelay + TimeSpan.FromSeconds(1);

        // The library requires the sampling window to be at least twice the attempt timeout.
        var sampling = options.Timeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
        resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
        resilience.CircuitBreaker.FailureRatio = options.CircuitBreakerFailureRatio;
        resilience.CircuitBreaker.MinimumThroughput = options.CircuitBreakerMinimumThroughput;
        resilience.CircuitBreaker.BreakDuration = options.CircuitBreakerBreakDuration;
    }

    // NOTE: a ThrottlingException sent as 400 is not retried, because telling it from a ValidationError needs the
    // body, which the pipeline does not read. It surfaces as SageMakerErrorKind.Throttling for the caller to handle.
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
