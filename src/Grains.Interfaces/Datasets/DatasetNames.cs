using System.Text.RegularExpressions;

namespace MedifyAI.Datasets;

/// <summary>Checks dataset names: 1 to 63 lowercase letters, digits and hyphens, starting with a letter or digit.</summary>
public static partial class DatasetNames
{
    /// <summary>Describes the rule, for error messages.</summary>
    public const string Rule = "1 to 63 lowercase letters, digits and hyphens, starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
