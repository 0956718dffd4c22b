using Microsoft.Extensions.Options;

namespace MedifyAI.Generation;

/// <summary>Validates <see cref="GenerationOptions"/> at start-up, naming each invalid key.</summary>
public sealed class GenerationOptionsValidator : IValidateOptions<GenerationOptions>
{
    private const string Section = GenerationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GenerationOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Section}:Provider is '{options.Provider}'; set GuidedInterview, SageMaker or OpenAI.");
        }

        if (options.MaxPromptTokens is < 256 or > 1_000_000)
        {
            failures.Add($"{Section}:MaxPromptTokens is {options.MaxPromptTokens}; set a value from 256 to 1000000.");
        }

        if (options.MaxReplyCharacters is < 80 or > 100_000)
        {
            failures.Add($"{Section}:MaxReplyCharacters is {options.MaxReplyCharacters}; set a value from 80 to 100000.");
        }

        if (options.ReplyTimeout <= TimeSpan.Zero || options.ReplyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:ReplyTimeout is {options.ReplyTimeout}; set a duration above 0 and at most 00:10:00.");
        }

        if (options.SummaryTimeout <= TimeSpan.Zero || options.SummaryTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:SummaryTimeout is {options.SummaryTimeout}; set a duration above 0 and at most 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
