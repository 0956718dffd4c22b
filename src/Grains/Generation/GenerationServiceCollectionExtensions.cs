using System.ClientModel;
using System.ClientModel.Primitives;
using MedifyAI.Generation.SageMaker;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using Polly;

namespace MedifyAI.Generation;

/// <summary>Registers reply and summary generation as <c>MedifyAI:Generation:Provider</c> selects.</summary>
public static class GenerationServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> of the OpenAI-compatible provider.</summary>
    public const string OpenAIHttpClientName = "MedifyAI.OpenAI";

    /// <summary>
    /// Registers <see cref="GenerationOptions"/>, the summary writer and, for a model provider, its
    /// <see cref="IChatClient"/> and <see cref="ModelReplyResponder"/> as the <see cref="IReplyResponder"/>.
    /// Call after the guided interview is registered, because a model provider replaces its responder.
    /// </summary>
    public static IServiceCollection AddMedifyGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(GenerationOptions.SectionName);
        var provider = ReadProvider(section);

        services.AddOptions<GenerationOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GenerationOptions>, GenerationOptionsValidator>();
        services.AddHostedService<GenerationStartupLog>();
        services.AddMetrics();
        services.TryAddSingleton<GenerationMetrics>();
        services.TryAddSingleton<ReplyPromptBuilder>();
        services.TryAddSingleton<ReplyGuard>();
        services.TryAddSingleton<GuidedSummaryWriter>();

        switch (provider)
        {
            case GenerationProvider.SageMaker:
                services.AddSageMakerChatClient(section.GetSection("SageMaker"));
                break;
            case GenerationProvider.OpenAI:
                services.AddOpenAICompatibleChatClient(section.GetSection("OpenAI"));
                break;
            default:
                services.TryAddSingleton<IClinicalSummaryWriter>(sp => sp.GetRequiredService<GuidedSummaryWriter>());
                return services;
        }

        // Transient, so each grain activation gets a chat client whose HttpClient handlers the factory still rotates.
        services.TryAddTransient<ModelReplyResponder>();
        services.Replace(ServiceDescriptor.Transient<IReplyResponder>(sp => sp.GetRequiredService<ModelReplyResponder>()));
        services.TryAddTransient<ModelSummaryWriter>();
        services.TryAddTransient<IClinicalSummaryWriter>(sp => sp.GetRequiredService<ModelSummaryWriter>());
        return services;
    }

    /// <summary>
    /// Registers an <see cref="IChatClient"/> for an OpenAI-compatible chat-completions server (vLLM, llama.cpp's
    /// server, Ollama) with <see cref="OpenAICompatibleOptions"/> bound to <paramref name="section"/>, on an
    /// <see cref="HttpClient"/> with the standard resilience handler.
    /// </summary>
    public static IServiceCollection AddOpenAICompatibleChatClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<OpenAICompatibleOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpenAICompatibleOptions>, OpenAICompatibleOptionsValidator>();

        services
            .AddHttpClient(OpenAIHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var options = provider.GetRequiredService<IOptions<OpenAICompatibleOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.Timeout;
                // The standard handler requires at least one retry attempt, so 0 keeps one and never triggers it.
                resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts);
                if (options.MaxRetryAttempts == 0)
                {
                    resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                }

                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.Retry.UseJitter = true;
                resilience.TotalRequestTimeout.Timeout = (options.Timeout * (options.MaxRetryAttempts + 1)) + TimeSpan.FromSeconds(30);
                var sampling = options.Timeout * 2;
                resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
            });

        services.TryAddTransient<IChatClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OpenAICompatibleOptions>>().Value;
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAIHttpClientName);

            // Self-hosted servers mostly ignore the key, but the SDK requires one.
            var key = string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey;
            var client = new ChatClient(
                options.Model,
                new ApiKeyCredential(key),
                new OpenAIClientOptions
                {
                    Endpoint = options.BaseUrl,
                    Transport = new HttpClientPipelineTransport(http),

                    // The resilience handler retries; a second retry layer would multiply attempts.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = Timeout.InfiniteTimeSpan,
                });
            return new MaxOutputTokensChatClient(client.AsIChatClient(), options.MaxTokens);
        });
        return services;
    }

    private static GenerationProvider ReadProvider(IConfigurationSection section)
    {
        var value = section["Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return GenerationProvider.GuidedInterview;
        }

        if (Enum.TryParse<GenerationProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider))
        {
            return provider;
        }

        throw new OptionsValidationException(
            GenerationOptions.SectionName,
            typeof(GenerationOptions),
            [$"{GenerationOptions.SectionName}:Provider is '{value}'; set GuidedInterview, SageMaker or OpenAI."]);
    }
}
