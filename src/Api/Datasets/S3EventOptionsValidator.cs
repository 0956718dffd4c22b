using Microsoft.Extensions.Options;

namespace MedifyAI.Api.Datasets;

/// <summary>Fails start-up with one message per invalid <c>MedifyAI:Ingestion:S3Mappings</c> entry.</summary>
internal sealed class S3EventOptionsValidator : IValidateOptions<S3EventOptions>
{
    public ValidateOptionsResult Validate(string? name, S3EventOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
