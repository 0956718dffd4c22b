using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using MedifyAI.Datasets;
using Microsoft.Extensions.Options;

namespace MedifyAI.Ingestion;

/// <summary>Lists and opens the files or S3 objects of an ingestion source.</summary>
public sealed class IngestionSourceReader : IDisposable
{
    private readonly Lazy<IAmazonS3> _s3;
    private readonly IReadOnlyList<string> _localRoots;

    public IngestionSourceReader(IOptions<IngestionOptions> options)
    {
        _s3 = new Lazy<IAmazonS3>(() => CreateClient(options.Value.S3));
        _localRoots = options.Value.LocalRoots.Select(Path.GetFullPath).ToList();
    }

    /// <summary>Returns the objects of <paramref name="location"/> in reading order, checking that each can be read.</summary>
    /// <exception cref="IngestionSourceException">The file, bucket or key does not exist or cannot be read.</exception>
    public async Task<IReadOnlyList<SourceObject>> ListAsync(SourceLocation location, CancellationToken cancellationToken)
    {
        if (!location.IsS3)
        {
            var file = new FileInfo(location.FilePath!);
            RequireUnderLocalRoot(file);
            if (!file.Exists)
            {
                throw new IngestionSourceException(
                    "source",
                    $"File '{location.FilePath}' was not found on the silo; give a path the silo process can read.");
            }

            try
            {
                await using (File.OpenRead(file.FullName))
                {
                }
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                throw new IngestionSourceException(
                    "source",
                    $"File '{location.FilePath}' cannot be read by the silo: {exception.GetType().Name}. Check its permissions.");
            }

            return [new SourceObject(file.FullName, file.Length)];
        }

        try
        {
            return location.IsPrefix
                ? await ListPrefixAsync(location, cancellationToken).ConfigureAwait(false)
                : [await HeadAsync(location, cancellationToken).ConfigureAwait(false)];
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            var what = exception.ErrorCode == "NoSuchBucket" || location.IsPrefix
                ? $"Bucket '{location.Bucket}'"
                : $"Object s3://{location.Bucket}/{location.Key}";
            throw new IngestionSourceException(
                "source",
                $"{what} was not found or is not readable ({(int)exception.StatusCode} {exception.ErrorCode}); "
                + "check the bucket and key and the silo's S3 credentials.");
        }
        catch (AmazonServiceException exception)
        {
            throw new IngestionSourceException(
                "source",
                $"S3 rejected the request for s3://{location.Bucket}/{location.Key}: {exception.ErrorCode}. "
                + "Check the MedifyAI:Ingestion:S3 settings.");
        }
    }

    /// <summary>
    /// Rejects a file outside <see cref="IngestionOptions.LocalRoots"/>. The file and the roots are compared by their
    /// real paths, with every symbolic link on the way resolved. A link to a file or a folder therefore cannot lead out
    /// of a root, and a root given through a link still matches its files.
    /// </summary>
    private void RequireUnderLocalRoot(FileInfo file)
    {
        if (_localRoots.Count == 0)
        {
            throw new IngestionSourceException(
                "source",
                $"This silo reads no local files: set {IngestionOptions.SectionName}:LocalRoots to the folders it may "
                + "read datasets from, or give an s3://bucket/key source.");
        }

        var realPath = ResolveRealPath(file.FullName, file.FullName);
        if (!_localRoots.Any(root => IsUnder(realPath, ResolveRealPath(root, file.FullName))))
        {
            throw new IngestionSourceException(
                "source",
                $"'{file.FullName}' is outside the folders this silo may read ({string.Join(", ", _localRoots)}); "
                + $"move the file there or add its folder to {IngestionOptions.SectionName}:LocalRoots.");
        }
    }

    private static bool IsUnder(string path, string root)
    {
        if (Path.EndsInDirectorySeparator(root))
        {
            // Only a filesystem root such as "/" keeps its separator after GetFullPath and link resolution.
            return path.StartsWith(root, StringComparison.Ordinal);
        }

        return path.Length > root.Length
            ? path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] == Path.DirectorySeparatorChar
            : string.Equals(path, root, StringComparison.Ordinal);
    }

    /// <summary>
    /// Returns <paramref name="fullPath"/> with every symbolic link among its folders and its last part replaced by
    /// the path the link points to, as realpath(3) does. Parts that do not exist are kept as written.
    /// </summary>
    /// <param name="fullPath">An absolute path; <c>..</c> parts in it and in link targets step up from the real folder.</param>
    /// <param name="requested">The source as the caller gave it, for the error message.</param>
    private static string ResolveRealPath(string fullPath, string requested)
    {
        const int maxLinks = 40;
        var links = 0;
        var resolved = Path.GetPathRoot(fullPath)!;
        var pending = new Stack<string>(fullPath[resolved.Length..]
            .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)
            .Reverse());
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var candidate = Path.Combine(resolved, part);
            string? target;
            try
            {
                target = new FileInfo(candidate).LinkTarget;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new IngestionSourceException(
                    "source",
                    $"The path of '{requested}' cannot be resolved by the silo: {exception.GetType().Name}. "
                    + "Check the folder permissions.");
            }

            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++links > maxLinks)
            {
                throw new IngestionSourceException(
                    "source",
                    $"The path of '{requested}' passes through more than {maxLinks} symbolic links, which is a loop; "
                    + "give the file's real path.");
            }

            // The link's target replaces the link: an absolute target restarts from the filesystem root, a relative
            // one continues from the link's folder. Its parts go back on the stack, because they may be links or "..".
            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(target)!;
                target = target[resolved.Length..];
            }

            foreach (var targetPart in target.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(targetPart);
            }
        }

        return resolved;
    }

    /// <summary>Opens one object for reading from its start.</summary>
    public async Task<Stream> OpenAsync(SourceLocation location, SourceObject source, CancellationToken cancellationToken)
    {
        if (!location.IsS3)
        {
            // NOTE: the file is opened again by path after ListAsync checked it against the local roots, so a link
            // swapped in between those two calls is not checked.
            return new FileStream(source.Name, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }

        var response = await _s3.Value.GetObjectAsync(location.Bucket, source.Name, cancellationToken).ConfigureAwait(false);
        return response.ResponseStream;
    }

    public void Dispose()
    {
        if (_s3.IsValueCreated)
        {
            _s3.Value.Dispose();
        }
    }

    private async Task<SourceObject> HeadAsync(SourceLocation location, CancellationToken cancellationToken)
    {
        var metadata = await _s3.Value.GetObjectMetadataAsync(location.Bucket, location.Key, cancellationToken)
            .ConfigureAwait(false);
        return new SourceObject(location.Key!, metadata.ContentLength);
    }

    private async Task<IReadOnlyList<SourceObject>> ListPrefixAsync(SourceLocation location, CancellationToken cancellationToken)
    {
        var objects = new List<SourceObject>();
        var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Key };
        ListObjectsV2Response response;
        do
        {
            response = await _s3.Value.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
            {
                if (!item.Key.EndsWith('/'))
                {
                    objects.Add(new SourceObject(item.Key, item.Size ?? 0));
                }
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        if (objects.Count == 0)
        {
            throw new IngestionSourceException(
                "source",
                $"No object was found under s3://{location.Bucket}/{location.Key}; check the prefix.");
        }

        objects.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));
        return objects;
    }

    private static AmazonS3Client CreateClient(S3SourceOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
        };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKeyId is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretAccessKey), config)
            : new AmazonS3Client(config);
    }
}
