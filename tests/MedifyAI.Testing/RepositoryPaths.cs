namespace MedifyAI.Testing;

/// <summary>Paths inside this repository, found from the running binaries.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the running binaries that contains MedifyAI.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The shared public datasets: the folder named by the <c>MEDIFYAI_SHARED_DATA</c> environment variable, or
    /// <c>../shared/data</c> beside the repository root.
    /// </summary>
    public static string SharedData { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable(SharedDataVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Root, "..", "shared", "data"));

    /// <summary>The one setting that moves the shared datasets.</summary>
    public const string SharedDataVariable = "MEDIFYAI_SHARED_DATA";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MedifyAI.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No MedifyAI.sln was found above '{AppContext.BaseDirectory}'; run from inside the repository.");
    }
}
