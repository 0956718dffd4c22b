using Microsoft.Extensions.Options;

namespace MedifyAI.Generation;

/// <summary>Validates <see cref="OpenAICompatibleOptions"/> at start-up when the OpenAI provider is selected.</summary>
public sealed class OpenAICompatibleOptionsValidator : IValidateOptions<OpenAICompatibleOptions>
{
    private const string Section = GenerationOptions.SectionName + ":OpenAI";

    public ValidateOptionsResult Validate(string? name, OpenAICompatibleOptions options)
    {
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            failures.Add($"{Section}:BaseUrl is missing or invalid ('{options.BaseUrl}'); set the server's API base URL, "
                + "for example http://127.0.0.1:8000/v1.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"{Section}:Model is missing; set the model name the server serves.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:Timeout is {options.Timeout}; set a duration above 0 and at most 00:10:00.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetryAttempts is {options.MaxRetryAttempts}; set a value from 0 to 10.");
        }

        if (options.MaxTokens is < 1 or > 32768)
        {
            failures.Add($"{Section}:MaxTokens is {options.MaxTokens}; set a value from 1 to 32768.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
