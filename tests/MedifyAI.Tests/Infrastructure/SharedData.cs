namespace MedifyAI.Tests.Infrastructure;

/// <summary>
/// Locates the shared public datasets. The one setting is the <c>MEDIFYAI_SHARED_DATA</c> environment
/// variable; without it the folder is <c>../shared/data</c> beside the repository root.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = RepositoryPaths.SharedDataVariable;

    /// <summary>The dataset folder.</summary>
    public static string Directory => RepositoryPaths.SharedData;

    /// <summary>Returns the full path of a file under the dataset folder, failing clearly when it is missing.</summary>
    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Shared dataset file '{path}' is missing. Set {EnvironmentVariable} to the folder that holds "
                + "pmc-patients/, medquad/ and vignettes/.",
                path);
        }

        return path;
    }

    /// <summary>The repository root: the nearest folder above the test binaries that contains MedifyAI.sln.</summary>
    public static string RepositoryRoot => RepositoryPaths.Root;
}
