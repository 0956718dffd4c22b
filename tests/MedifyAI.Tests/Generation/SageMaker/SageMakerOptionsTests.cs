using MedifyAI.Generation.SageMaker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedifyAI.Tests.Generation.SageMaker;

public sealed class SageMakerOptionsTests
{
    [Fact]
    public void Validate_MissingAndInvalidKeys_NamesEachKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Generation:SageMaker:Region"] = "",
                ["Generation:SageMaker:EndpointName"] = "bad_name!",
                ["Generation:SageMaker:TopP"] = "1.5",
                ["Generation:SageMaker:Timeout"] = "00:00:00",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSageMakerChatClient(configuration.GetSection("Generation:SageMaker"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<SageMakerOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Generation:SageMaker:Region", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Generation:SageMaker:EndpointName", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Generation:SageMaker:TopP", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Generation:SageMaker:Timeout", StringComparison.Ordinal));
        Assert.Equal(4, error.Failures.Count());
    }

    [Fact]
    public void Validate_DefaultsWithRegionAndEndpoint_Succeed()
    {
        var options = new SageMakerOptions { Region = "eu-west-1", EndpointName = "openbiollm-8b" };

        var result = new SageMakerOptionsValidator("SageMaker").Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(new Uri("https://runtime.sagemaker.eu-west-1.amazonaws.com/"), options.ResolveServiceUrl());
    }
}
