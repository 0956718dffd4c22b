using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MedifyAI.Retrieval.SageMaker;

/// <summary>Validates <see cref="SageMakerEmbeddingOptions"/> at start-up, naming each invalid key.</summary>
public sealed partial class SageMakerEmbeddingOptionsValidator : IValidateOptions<SageMakerEmbeddingOptions>
{
    private const string Section = SageMakerEmbeddingOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SageMakerEmbeddingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Region) || !RegionPattern().IsMatch(options.Region))
        {
            failures.Add($"{Section}:Region is missing or invalid ('{options.Region}'); set an AWS region such as us-east-1.");
        }

        if (!IsEndpointName(options.PassageEndpointName))
        {
            failures.Add(
                $"{Section}:PassageEndpointName is missing or invalid ('{options.PassageEndpointName}'); set the " +
                "SageMaker endpoint name: 1 to 63 letters, digits and hyphens, starting with a letter or digit.");
        }

        if (!string.IsNullOrWhiteSpace(options.QueryEndpointName) && !IsEndpointName(options.QueryEndpointName))
        {
            failures.Add(
                $"{Section}:QueryEndpointName is invalid ('{options.QueryEndpointName}'); set a SageMaker endpoint " +
                "name or leave it empty to embed queries with the passage endpoint.");
        }

        if (options.Dimensions is < 1 or > 16_384)
        {
            failures.Add(
                $"{Section}:Dimensions is {options.Dimensions}; set the vector length of the model, from 1 to 16384.");
        }

        if (options.BatchSize is < 1 or > 256)
        {
            failures.Add($"{Section}:BatchSize is {options.BatchSize}; set a value from 1 to 256.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:Timeout is {options.Timeout}; set a duration above 0 and at most 00:10:00.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetryAttempts is {options.MaxRetryAttempts}; set a value from 0 to 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:RetryBaseDelay is {options.RetryBaseDelay}; set a duration from 0 to 00:01:00.");
        }

        if (options.ServiceUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            failures.Add($"{Section}:ServiceUrl '{url}' is not an absolute http(s) URL; set one or remove the key.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsEndpointName(string? value) =>
        !string.IsNullOrWhiteSpace(value) && EndpointNamePattern().IsMatch(value);

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex EndpointNamePattern();
}
