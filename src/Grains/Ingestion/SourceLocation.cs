namespace MedifyAI.Ingestion;

/// <summary>A parsed ingestion source: a local file, or an S3 object or prefix.</summary>
public sealed record SourceLocation
{
    /// <summary>Full local path, for a file source.</summary>
    public string? FilePath { get; init; }

    public string? Bucket { get; init; }

    /// <summary>Object key, or the prefix when <see cref="IsPrefix"/>; may be empty for a whole bucket.</summary>
    public string? Key { get; init; }

    /// <summary>True when the S3 key ends in / (or is empty): every object under it is read, in key order.</summary>
    public bool IsPrefix { get; init; }

    public bool IsS3 => Bucket is not null;

    /// <summary>Parses a local path, a <c>file://</c> URI or an <c>s3://bucket/key</c> URI.</summary>
    /// <exception cref="ArgumentException">The value is empty or an unsupported or malformed URI.</exception>
    public static SourceLocation Parse(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new ArgumentException("The source is empty: give a local path, file:///path or s3://bucket/key.");
        }

        if (source.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = source[5..];
            var slash = rest.IndexOf('/');
            var bucket = slash < 0 ? rest : rest[..slash];
            var key = slash < 0 ? string.Empty : rest[(slash + 1)..];
            if (bucket.Length is < 3 or > 63)
            {
                throw new ArgumentException($"'{source}' has no valid bucket name: write s3://bucket/key.");
            }

            return new SourceLocation { Bucket = bucket, Key = key, IsPrefix = key.Length == 0 || key.EndsWith('/') };
        }

        if (source.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                throw new ArgumentException($"'{source}' is not a valid file URI: write file:///absolute/path.");
            }

            return new SourceLocation { FilePath = uri.LocalPath };
        }

        if (source.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The scheme of '{source}' is not supported: give a local path, file:///path or s3://bucket/key.");
        }

        return new SourceLocation { FilePath = Path.GetFullPath(source) };
    }
}
