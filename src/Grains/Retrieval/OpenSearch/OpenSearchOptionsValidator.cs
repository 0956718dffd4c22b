using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MedifyAI.Retrieval.OpenSearch;

/// <summary>Validates <see cref="OpenSearchOptions"/> at start-up, naming each invalid key.</summary>
public sealed partial class OpenSearchOptionsValidator : IValidateOptions<OpenSearchOptions>
{
    private const string Section = OpenSearchOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, OpenSearchOptions options)
    {
        var failures = new List<string>();
        if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || endpoint.Scheme is not ("https" or "http"))
        {
            failures.Add($"{Section}:Endpoint is missing or not an absolute http(s) URL ('{options.Endpoint}'); set the cluster URL.");
        }

        if (string.IsNullOrEmpty(options.Username))
        {
            if (string.IsNullOrWhiteSpace(options.Region) || !RegionPattern().IsMatch(options.Region))
            {
                failures.Add(
                    $"{Section}:Region is missing or invalid ('{options.Region}'); set the AWS region of the domain, " +
                    $"or set {Section}:Username and Password for a self-managed cluster.");
            }

            if (options.Service is not ("es" or "aoss"))
            {
                failures.Add($"{Section}:Service is '{options.Service}'; set es (managed domain) or aoss (Serverless).");
            }
        }
        else if (string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{Section}:Password is missing; set it together with {Section}:Username.");
        }

        if (string.IsNullOrWhiteSpace(options.IndexName) || !IndexNamePattern().IsMatch(options.IndexName))
        {
            failures.Add(
                $"{Section}:IndexName '{options.IndexName}' is invalid; use lowercase letters, digits, '-' and '_', " +
                "starting with a letter or digit, at most 200 characters.");
        }

        if (options.Dimension is < 1 or > 16_000)
        {
            failures.Add($"{Section}:Dimension is {options.Dimension}; set the embedder's vector length, from 1 to 16000.");
        }

        if (options.Engine is not ("faiss" or "lucene"))
        {
            failures.Add($"{Section}:Engine is '{options.Engine}'; set faiss or lucene.");
        }

        if (options.SpaceType is not ("cosinesimil" or "innerproduct" or "l2"))
        {
            failures.Add($"{Section}:SpaceType is '{options.SpaceType}'; set cosinesimil, innerproduct or l2.");
        }

        if (options.BulkBatchSize is < 1 or > 10_000)
        {
            failures.Add($"{Section}:BulkBatchSize is {options.BulkBatchSize}; set a value from 1 to 10000.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetryAttempts is {options.MaxRetryAttempts}; set a value from 0 to 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:RetryBaseDelay is {options.RetryBaseDelay}; set a duration from 0 to 00:01:00.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:Timeout is {options.Timeout}; set a duration above 0 and at most 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,199}$")]
    private static partial Regex IndexNamePattern();
}
