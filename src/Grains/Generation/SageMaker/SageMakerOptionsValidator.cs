using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MedifyAI.Generation.SageMaker;

/// <summary>Validates <see cref="SageMakerOptions"/> at start-up, naming each invalid key under its section.</summary>
public sealed partial class SageMakerOptionsValidator : IValidateOptions<SageMakerOptions>
{
    private readonly string _section;

    /// <param name="section">Configuration path of the options, used in messages, for example <c>SageMaker</c>.</param>
    public SageMakerOptionsValidator(string section)
    {
        _section = section;
    }

    public ValidateOptionsResult Validate(string? name, SageMakerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Region) || !RegionPattern().IsMatch(options.Region))
        {
            failures.Add($"{_section}:Region is missing or invalid ('{options.Region}'); set an AWS region such as us-east-1.");
        }

        if (string.IsNullOrWhiteSpace(options.EndpointName) || !EndpointNamePattern().IsMatch(options.EndpointName))
        {
            failures.Add(
                $"{_section}:EndpointName is missing or invalid ('{options.EndpointName}'); set the SageMaker endpoint " +
                "name: 1 to 63 letters, digits and hyphens, starting with a letter or digit.");
        }

        if (options.MaxTokens is < 1 or > 32768)
        {
            failures.Add($"{_section}:MaxTokens is {options.MaxTokens}; set a value from 1 to 32768.");
        }

        if (options.Temperature is < 0 or > 2 || float.IsNaN(options.Temperature))
        {
            failures.Add($"{_section}:Temperature is {options.Temperature}; set a value from 0 to 2.");
        }

        if (options.TopP is <= 0 or > 1 || float.IsNaN(options.TopP))
        {
            failures.Add($"{_section}:TopP is {options.TopP}; set a value greater than 0 and at most 1.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{_section}:Timeout is {options.Timeout}; set a duration above 0 and at most 00:10:00.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{_section}:MaxRetryAttempts is {options.MaxRetryAttempts}; set a value from 0 to 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{_section}:RetryBaseDelay is {options.RetryBaseDelay}; set a duration from 0 to 00:01:00.");
        }

        if (options.CircuitBreakerFailureRatio is <= 0 or > 1 || double.IsNaN(options.CircuitBreakerFailureRatio))
        {
            failures.Add($"{_section}:CircuitBreakerFailureRatio is {options.CircuitBreakerFailureRatio}; set a value above 0 and at most 1.");
        }

        if (options.CircuitBreakerMinimumThroughput < 2)
        {
            failures.Add($"{_section}:CircuitBreakerMinimumThroughput is {options.CircuitBreakerMinimumThroughput}; set a value of 2 or more.");
        }

        if (options.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500) || options.CircuitBreakerBreakDuration > TimeSpan.FromDays(1))
        {
            failures.Add($"{_section}:CircuitBreakerBreakDuration is {options.CircuitBreakerBreakDuration}; set a duration from 00:00:00.5 to 1.00:00:00.");
        }

        if (options.MaxResponseCharacters < 1)
        {
            failures.Add($"{_section}:MaxResponseCharacters is {options.MaxResponseCharacters}; set a positive value.");
        }

        if (options.ServiceUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            failures.Add($"{_section}:ServiceUrl '{url}' is invalid; set an absolute http or https URL or remove it.");
        }

        if (options.CustomAttributes is { } attributes && (attributes.Length > 1024 || !attributes.All(c => c is >= ' ' and <= '~')))
        {
            failures.Add($"{_section}:CustomAttributes must be at most 1024 visible ASCII characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex EndpointNamePattern();
}
