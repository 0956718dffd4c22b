namespace MedifyAI.Testing;

/// <summary>Paths inside this repository, found from the running binaries.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the running binaries that contains MedifyAI.sln.</summary>
    public static string Root { get; } = FindRoot();

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
