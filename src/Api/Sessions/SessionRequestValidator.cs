using MedifyAI.Sessions;

namespace MedifyAI.Api.Sessions;

/// <summary>Checks session request bodies and turns them into grain commands.</summary>
internal static class SessionRequestValidator
{
    private const int MaxListItems = 50;
    private const int MaxListItemLength = 200;

    /// <summary>Validates a profile; on success <paramref name="profile"/> is set and the error map is empty.</summary>
    public static Dictionary<string, string[]> Validate(CreateSessionRequest request, out PatientProfile? profile)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        profile = null;

        if (request.Age is not { } age)
        {
            errors["age"] = ["Age is required: give the patient's age in whole years, 0 to 130."];
        }
        else if (age is < 0 or > 130)
        {
            errors["age"] = [$"Age {age} is out of range: give whole years from 0 to 130."];
        }

        if (request.AgeMonths is { } months && (months is < 0 or > 35))
        {
            errors["ageMonths"] = [$"ageMonths {months} is out of range: give 0 to 35, or leave it out for patients over three."];
        }
        else if (request.AgeMonths is { } givenMonths && request.Age is { } years && givenMonths / 12 != years)
        {
            errors["ageMonths"] = [$"ageMonths {givenMonths} does not match age {years}: age must be ageMonths / 12 rounded down."];
        }

        if (!TryParseSex(request.Sex, out var sex))
        {
            errors["sex"] = [request.Sex is null
                ? "Sex is required: give one of female, male, other or unknown."
                : "Sex is invalid: give one of female, male, other or unknown."];
        }

        var conditions = ValidateList(request.KnownConditions, "knownConditions", errors);
        var medications = ValidateList(request.Medications, "medications", errors);
        var allergies = ValidateList(request.Allergies, "allergies", errors);

        if (errors.Count == 0)
        {
            profile = new PatientProfile
            {
                Age = request.Age!.Value,
                AgeMonths = request.AgeMonths,
                Sex = sex,
                KnownConditions = conditions,
                Medications = medications,
                Allergies = allergies,
            };
        }

        return errors;
    }

    /// <summary>Validates a message body against the configured limits.</summary>
    public static Dictionary<string, string[]> Validate(SendMessageRequest request, SessionLimitsOptions limits)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            errors["text"] = ["Text is required: send the patient's message as a non-empty string."];
        }
        else if (request.Text.All(character => char.IsWhiteSpace(character) || char.IsControl(character)))
        {
            errors["text"] = ["Text has only control characters; send the patient's message as readable text."];
        }
        else if (request.Text.Length > limits.MaxMessageLength)
        {
            errors["text"] = [$"Text is {request.Text.Length} characters long; the limit is {limits.MaxMessageLength}. Split it into shorter messages."];
        }

        if (request.ClientMessageId is { } id)
        {
            if (id.Length == 0 || id.Length > limits.MaxClientMessageIdLength || id.Any(char.IsControl))
            {
                errors["clientMessageId"] = [$"clientMessageId must be 1 to {limits.MaxClientMessageIdLength} printable characters, or left out."];
            }
        }

        return errors;
    }

    private static bool TryParseSex(string? value, out Sex sex)
    {
        sex = Sex.Unknown;
        switch (value?.Trim().ToLowerInvariant())
        {
            case "female" or "f":
                sex = Sex.Female;
                return true;
            case "male" or "m":
                sex = Sex.Male;
                return true;
            case "other":
                sex = Sex.Other;
                return true;
            case "unknown":
                sex = Sex.Unknown;
                return true;
            default:
                return false;
        }
    }

    private static IReadOnlyList<string> ValidateList(
        IReadOnlyList<string>? items,
        string field,
        Dictionary<string, string[]> errors)
    {
        if (items is null)
        {
            return [];
        }

        if (items.Count > MaxListItems)
        {
            errors[field] = [$"{field} has {items.Count} entries; the limit is {MaxListItems}."];
            return [];
        }

        var cleaned = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]?.Trim();
            if (string.IsNullOrEmpty(item) || item.Length > MaxListItemLength)
            {
                errors[$"{field}[{i}]"] = [$"Each entry of {field} must be 1 to {MaxListItemLength} characters of text."];
                continue;
            }

            cleaned.Add(item);
        }

        return cleaned;
    }
}
