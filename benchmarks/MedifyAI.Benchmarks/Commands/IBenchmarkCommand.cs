namespace MedifyAI.Benchmarks.Commands;

/// <summary>
/// One benchmark subcommand, chosen by the first command-line argument. Add a class per command and list it in
/// Program.cs.
/// </summary>
public interface IBenchmarkCommand
{
    /// <summary>Subcommand name typed on the command line.</summary>
    string Name { get; }

    /// <summary>One-line description shown in the usage text.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark with the arguments after the subcommand name; returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
