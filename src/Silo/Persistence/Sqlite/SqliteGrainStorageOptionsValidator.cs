using Orleans;
using Orleans.Runtime;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Checks one named <see cref="SqliteGrainStorageOptions"/> when the silo starts, creating the database directory
/// so that a path that cannot be used stops the silo with a message naming the setting.
/// </summary>
public sealed class SqliteGrainStorageOptionsValidator : IConfigurationValidator
{
    private readonly SqliteGrainStorageOptions _options;
    private readonly string _name;

    public SqliteGrainStorageOptionsValidator(SqliteGrainStorageOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(name);
        _options = options;
        _name = name;
    }

    /// <inheritdoc />
    /// <exception cref="OrleansConfigurationException">A setting is missing or invalid.</exception>
    public void ValidateConfiguration()
    {
        var prefix = $"Invalid {nameof(SqliteGrainStorageOptions)} for SQLite grain storage '{_name}':";

        if (string.IsNullOrWhiteSpace(_options.DatabasePath))
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(SqliteGrainStorageOptions.DatabasePath)} is empty. Set it to the path of the "
                + "database file, for example 'data/grain-state.db'.");
        }

        ValidateDirectory(prefix);

        if (!Enum.IsDefined(_options.Synchronous))
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(SqliteGrainStorageOptions.Synchronous)} is {(int)_options.Synchronous}, which is "
                + $"not a {nameof(SqliteSynchronousMode)} value. Use Normal or Full.");
        }

        if (_options.BusyTimeout < TimeSpan.Zero || _options.BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(SqliteGrainStorageOptions.BusyTimeout)} is {_options.BusyTimeout}. Set it to a "
                + "duration between zero and 24 days.");
        }

        if (_options.MaxBatchSize < 1)
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(SqliteGrainStorageOptions.MaxBatchSize)} is {_options.MaxBatchSize}. Set it to "
                + $"1 or more (default {SqliteGrainStorageOptions.DefaultMaxBatchSize}).");
        }

        if (_options.MaxReadConnections < 1)
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(SqliteGrainStorageOptions.MaxReadConnections)} is {_options.MaxReadConnections}. "
                + $"Set it to 1 or more (default {SqliteGrainStorageOptions.DefaultMaxReadConnections}).");
        }

        if (_options.GrainStorageSerializer is null)
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(SqliteGrainStorageOptions.GrainStorageSerializer)} is not set and the silo has "
                + "no default IGrainStorageSerializer. Set the option or register a serializer.");
        }
    }

    private void ValidateDirectory(string prefix)
    {
        string? directory;
        try
        {
            directory = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(SqliteGrainStorageOptions.DatabasePath)} '{_options.DatabasePath}' is not a "
                + $"valid file path: {exception.Message}",
                exception);
        }

        if (Directory.Exists(_options.DatabasePath))
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(SqliteGrainStorageOptions.DatabasePath)} '{_options.DatabasePath}' is a "
                + "directory. Set it to a file path inside that directory.");
        }

        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new OrleansConfigurationException(
                $"{prefix} the directory '{directory}' of {nameof(SqliteGrainStorageOptions.DatabasePath)} "
                + $"'{_options.DatabasePath}' cannot be created: {exception.Message} Choose a path in a writable "
                + "directory.",
                exception);
        }
    }
}
