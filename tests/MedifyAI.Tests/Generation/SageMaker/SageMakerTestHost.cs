using Amazon.Runtime;
using MedifyAI.Generation.SageMaker;
using MedifyAI.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Generation.SageMaker;

/// <summary>A service provider wired by <c>AddSageMakerChatClient</c> against the fake runtime.</summary>
internal static class SageMakerTestHost
{
    public static ServiceProvider Build(
        FakeSageMakerRuntime fake,
        string payloadFormat = "Messages",
        string timeout = "00:00:05",
        string secretKey = FakeSageMakerRuntime.SecretKey,
        int maxRetryAttempts = 2,
        int maxResponseCharacters = 8000)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SageMaker:Region"] = FakeSageMakerRuntime.Region,
                ["SageMaker:EndpointName"] = FakeSageMakerRuntime.EndpointName,
                ["SageMaker:PayloadFormat"] = payloadFormat,
                ["SageMaker:ServiceUrl"] = fake.BaseUrl.ToString(),
                ["SageMaker:Timeout"] = timeout,
                ["SageMaker:MaxRetryAttempts"] = maxRetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SageMaker:RetryBaseDelay"] = "00:00:00.020",
                ["SageMaker:MaxResponseCharacters"] = maxResponseCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SageMaker:CustomAttributes"] = "session=test-1",
            })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(FakeSageMakerRuntime.AccessKey, secretKey));
        services.AddSageMakerChatClient(configuration.GetSection("SageMaker"));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static IChatClient ChatClient(this ServiceProvider provider) => provider.GetRequiredService<IChatClient>();

    public static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, "You are a careful medical assistant."),
        new(ChatRole.User, "I have had a headache since Monday"),
    ];
}
