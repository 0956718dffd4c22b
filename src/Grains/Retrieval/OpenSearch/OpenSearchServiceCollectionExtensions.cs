using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using MedifyAI.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedifyAI.Retrieval.OpenSearch;

/// <summary>Registers <see cref="OpenSearchVectorIndex"/> as the <see cref="IVectorIndex"/>.</summary>
public static class OpenSearchServiceCollectionExtensions
{
    /// <summary>Name of the OpenSearch <see cref="HttpClient"/>.</summary>
    public const string HttpClientName = "MedifyAI.OpenSearch";

    /// <summary>
    /// Binds <see cref="OpenSearchOptions"/> from <c>MedifyAI:OpenSearch</c>, validated at start-up, and replaces the
    /// embedded index with the OpenSearch one. Requests are SigV4-signed for <see cref="OpenSearchOptions.Service"/>
    /// unless <see cref="OpenSearchOptions.Username"/> selects basic auth.
    /// </summary>
    public static IServiceCollection AddOpenSearchVectorIndex(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OpenSearchOptions>()
            .Bind(configuration.GetSection(OpenSearchOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpenSearchOptions>, OpenSearchOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());

        services
            .AddHttpClient(HttpClientName, (provider, client) =>
            {
                client.BaseAddress = provider.GetRequiredService<IOptions<OpenSearchOptions>>().Value.Endpoint;

                // The index applies its own per-request timeout and retries.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<OpenSearchOptions>>().Value;
                if (!string.IsNullOrEmpty(options.Username))
                {
                    return new PassThroughHandler();
                }

                return new AwsSigningHandler(
                    new AwsRequestSigner(options.Region!, options.Service, addContentSha256Header: options.Service == "aoss"),
                    provider.GetRequiredService<AWSCredentials>,
                    provider.GetRequiredService<TimeProvider>());
            });

        services.RemoveAll<IVectorIndex>();
        services.RemoveAll<ITermStatistics>();
        services.AddSingleton(provider => new OpenSearchVectorIndex(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<OpenSearchOptions>>(),
            provider.GetRequiredService<ILogger<OpenSearchVectorIndex>>()));
        services.AddSingleton<IVectorIndex>(provider => provider.GetRequiredService<OpenSearchVectorIndex>());
        return services;
    }

    /// <summary>Handler used in place of signing when a self-managed cluster takes basic auth.</summary>
    private sealed class PassThroughHandler : DelegatingHandler;
}
