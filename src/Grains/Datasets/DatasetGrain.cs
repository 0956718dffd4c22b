using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using MedifyAI.Ingestion;
using MedifyAI.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedifyAI.Datasets;

/// <summary>
/// One dataset and its ingestion runs. A run is a background loop on the grain's scheduler: it streams the
/// source, cleans and chunks records, and commits each batch of chunks to the vector index in one transaction
/// with the run's checkpoint (records read and counters). Status reads interleave with the loop. Progress is
/// written to grain state at most every <see cref="IngestionOptions.ProgressWriteIntervalSeconds"/>.
/// </summary>
/// <remarks>
/// A host that stops mid-run deactivates the grain, which pauses the loop and leaves the run
/// <see cref="IngestionState.Running"/>. The next activation continues from the last committed checkpoint, and the
/// silo wakes every unfinished dataset at start-up. While a run is unfinished, a reminder also wakes the grain every
/// minute, so after a silo failure the run resumes on a survivor. A resumed run re-reads the records before the checkpoint only
/// to rebuild the set of ids seen, so the counts stay exact and no chunk is written twice.
/// </remarks>
public sealed class DatasetGrain(
    [PersistentState("dataset", StorageNames.Datasets)] IPersistentState<DatasetState> dataset,
    IngestionSourceReader sources,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IVectorIndex index,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<DatasetGrain> logger) : Grain, IDatasetGrain, IRemindable
{
    /// <summary>
    /// Reminder that wakes the grain while a run is unfinished, so a run whose silo died resumes on a survivor
    /// without waiting for a poll or a silo start. Durable with ADO.NET reminders; in memory in the embedded host.
    /// </summary>
    private const string WatchdogReminder = "ingestion-watchdog";

    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMinutes(1);

    private readonly IngestionOptions _options = options.Value;
    private readonly TextChunker _chunker = new(options.Value.ChunkWords, options.Value.ChunkOverlapWords);
    private CancellationTokenSource? _runCancellation;
    private Task? _runTask;
    private bool _deactivating;
    private Task _writes = Task.CompletedTask;
    private DateTimeOffset _lastProgressWrite;

    private string Name => this.GetPrimaryKeyString();

    private DatasetState State => dataset.State;

    private bool LoopRunning => _runTask is { IsCompleted: false };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Current is { IsUnfinished: true })
        {
            StartLoop();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (LoopRunning)
        {
            _deactivating = true;
            await _runCancellation!.CancelAsync();
            try
            {
                await _runTask!.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The loop did not stop before the deactivation deadline; the last checkpoint still holds.
            }

            await PersistAsync();
        }
    }

    async Task<IngestionRun> IDatasetGrain.StartIngestionAsync(StartIngestionCommand command)
    {
        if (!DatasetNames.IsValid(Name))
        {
            throw new IngestionSourceException("name", $"Dataset name '{Name}' is invalid: use {DatasetNames.Rule}.");
        }

        if (State.Current is { IsUnfinished: true } current)
        {
            throw new IngestionInProgressException(Name, current.RunId);
        }

        SourceLocation location;
        try
        {
            location = SourceLocation.Parse(command.Source);
        }
        catch (ArgumentException exception)
        {
            throw new IngestionSourceException("source", exception.Message);
        }

        // Fail now, with a 4xx, when the source cannot be read, rather than later in a failed run.
        var objects = await sources.ListAsync(location, CancellationToken.None);

        // A concurrent start may have interleaved while the source was checked.
        if (State.Current is { IsUnfinished: true } started)
        {
            throw new IngestionInProgressException(Name, started.RunId);
        }

        var now = time.GetUtcNow();
        ArchiveCurrentRun(now);
        State.Current = new IngestionRunState
        {
            RunId = NewRunId(now),
            Source = command.Source,
            Format = command.Format,
            State = IngestionState.Queued,
            BytesTotal = objects.Sum(item => item.Length),
            CreatedAt = now,
            UpdatedAt = now,
        };

        await PersistAsync();
        await UpdateRegistryAsync();
        StartLoop();
        return State.Current.ToSnapshot(Name, now);
    }

    ValueTask<DatasetStatus> IDatasetGrain.GetStatusAsync()
    {
        var now = time.GetUtcNow();
        return ValueTask.FromResult(new DatasetStatus
        {
            Name = Name,
            CurrentRun = State.Current?.ToSnapshot(Name, now),
            PastRuns = [.. State.PastRuns],
        });
    }

    async Task<IngestionRun> IDatasetGrain.CancelAsync(string runId)
    {
        var current = State.Current;
        if (current is null || current.RunId != runId)
        {
            return State.PastRuns.FirstOrDefault(run => run.RunId == runId)
                ?? throw new DatasetNotFoundException(
                    $"Dataset '{Name}' has no ingestion run '{runId}'; GET /api/datasets/{Name} lists its runs.");
        }

        if (current.IsUnfinished)
        {
            if (LoopRunning)
            {
                await _runCancellation!.CancelAsync();
                await _runTask!.WaitAsync(TimeSpan.FromSeconds(10));
            }
            else
            {
                Finish(current, IngestionState.Cancelled, time.GetUtcNow());
                await PersistAsync();
                await UpdateRegistryAsync();
            }
        }

        return current.ToSnapshot(Name, time.GetUtcNow());
    }

    Task IDatasetGrain.ResumeAsync()
    {
        // Activation already started the loop for an unfinished run; this covers a loop that ended early.
        if (State.Current is { IsUnfinished: true } && !LoopRunning)
        {
            StartLoop();
        }

        return Task.CompletedTask;
    }

    private void StartLoop()
    {
        _deactivating = false;
        _runCancellation = new CancellationTokenSource();

        // Started from grain code, so every continuation of the loop runs on this activation's scheduler.
        _runTask = RunAsync(State.Current!, _runCancellation.Token);
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder)
        {
            return;
        }

        if (State.Current is { IsUnfinished: true })
        {
            if (!LoopRunning)
            {
                StartLoop();
            }

            return;
        }

        await SetWatchdogAsync(enabled: false);
    }

    /// <summary>Registers or removes the watchdog reminder; a failure is logged, never fatal to the run.</summary>
    private async Task SetWatchdogAsync(bool enabled)
    {
        try
        {
            if (enabled)
            {
                await this.RegisterOrUpdateReminder(WatchdogReminder, WatchdogPeriod, WatchdogPeriod);
            }
            else if (await this.GetReminder(WatchdogReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception) when (exception is OrleansException or InvalidOperationException or TimeoutException)
        {
            DatasetLog.WatchdogFailed(logger, exception, Name, enabled);
        }
    }

    private async Task RunAsync(IngestionRunState run, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await SetWatchdogAsync(enabled: true);
        try
        {
            await BeginAttemptAsync(run, cancellationToken);
            await IngestAsync(run, cancellationToken);
            Finish(run, IngestionState.Completed, time.GetUtcNow());
            await Task.Run(() => index.FlushAsync(CancellationToken.None), CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (_deactivating)
            {
                DatasetLog.RunPaused(logger, Name, run.RunId, run.Counters.RecordsRead);
                return;
            }

            Finish(run, IngestionState.Cancelled, time.GetUtcNow());
        }
        catch (Exception exception)
        {
            DatasetLog.RunFailed(logger, exception, Name, run.RunId, exception.GetType().Name);
            run.LastError = DescribeFailure(exception);
            Finish(run, IngestionState.Failed, time.GetUtcNow());
        }

        var counters = run.Counters;
        DatasetLog.RunFinished(
            logger,
            Name,
            run.RunId,
            run.State,
            counters.RecordsRead,
            counters.RecordsAccepted,
            counters.RecordsRejected,
            counters.ChunksIndexed,
            stopwatch.Elapsed.TotalSeconds);
        await PersistAsync();
        await UpdateRegistryAsync();
        await SetWatchdogAsync(enabled: false);
    }

    /// <summary>Marks the run running and restores its counters from the last committed checkpoint, if any.</summary>
    private async Task BeginAttemptAsync(IngestionRunState run, CancellationToken cancellationToken)
    {
        var resuming = run.State == IngestionState.Running;
        var checkpoint = await Task.Run(
            () => index.GetCheckpointAsync(Name, run.RunId, cancellationToken),
            cancellationToken);

        // Counters in grain state may run ahead of the index; only the checkpoint committed with the chunks counts.
        run.Counters = checkpoint is null
            ? new IngestionCounters()
            : JsonSerializer.Deserialize<IngestionCounters>(checkpoint.State) ?? new IngestionCounters();

        var now = time.GetUtcNow();
        run.State = IngestionState.Running;
        run.StartedAt ??= now;
        run.UpdatedAt = now;
        run.AttemptStartedAt = now;
        run.AttemptStartRecords = run.Counters.RecordsRead;
        run.AttemptStartBytes = run.Counters.BytesRead;
        if (resuming)
        {
            run.Resumes++;
            DatasetLog.RunResumed(logger, Name, run.RunId, run.Counters.RecordsRead, run.Resumes);
        }

        _lastProgressWrite = now;
        await PersistAsync();
        await UpdateRegistryAsync();
    }

    private async Task IngestAsync(IngestionRunState run, CancellationToken cancellationToken)
    {
        var location = SourceLocation.Parse(run.Source);
        var objects = await sources.ListAsync(location, cancellationToken);
        run.BytesTotal = objects.Sum(item => item.Length);
        DatasetLog.RunStarted(logger, Name, run.RunId, run.Format, run.BytesTotal, objects.Count);

        var reader = RecordReaders.For(run.Format);
        var working = run.Counters.Clone();
        var skip = working.RecordsRead;

        // Duplicate detection keeps every accepted id of the run in memory: about 100 bytes an id, so some
        // 20 MB for the 167,000 rows of the full PMC-Patients file.
        // NOTE: a corpus of many millions of records would need an on-disk set here.
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<SourceRecord>(_options.BatchSize);
        var maxUncommitted = _options.BatchSize * 8;
        long recordNumber = 0;
        long bytesBefore = 0;
        long uncommitted = 0;

        foreach (var item in objects)
        {
            await using var stream = new CountingStream(await sources.OpenAsync(location, item, cancellationToken));
            await foreach (var result in reader.ReadAsync(stream, cancellationToken))
            {
                recordNumber++;
                if (recordNumber <= skip)
                {
                    if (result.Record is { } skipped)
                    {
                        seenIds.Add(skipped.Id);
                    }

                    continue;
                }

                working.RecordsRead = recordNumber;
                working.BytesRead = bytesBefore + stream.BytesRead;
                if (result.Record is not { } record)
                {
                    working.Reject(recordNumber, result.RejectionReason!);
                }
                else if (!seenIds.Add(record.Id))
                {
                    working.Reject(recordNumber, RejectionReasons.DuplicateId);
                }
                else
                {
                    working.RecordsAccepted++;
                    batch.Add(record);
                }

                if (batch.Count >= _options.BatchSize || ++uncommitted >= maxUncommitted)
                {
                    await CommitAsync(run, batch, working, cancellationToken);
                    uncommitted = 0;
                }
            }

            bytesBefore += stream.BytesRead;
        }

        working.BytesRead = Math.Max(working.BytesRead, bytesBefore);
        await CommitAsync(run, batch, working, cancellationToken);
    }

    /// <summary>
    /// Embeds the batch and writes its chunks and the checkpoint in one index transaction, then publishes the
    /// counters. The embedding and the write run on the thread pool, so the grain keeps serving status reads.
    /// </summary>
    private async Task CommitAsync(
        IngestionRunState run,
        List<SourceRecord> batch,
        IngestionCounters working,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var records = batch.ToArray();
        batch.Clear();

        var chunks = await Task.Run(() => EmbedAsync(records, cancellationToken), cancellationToken);
        working.ChunksEmbedded += chunks.Count;
        working.ChunksIndexed += chunks.Count;
        var checkpoint = new IndexCheckpoint(Name, run.RunId, working.RecordsRead, JsonSerializer.Serialize(working));

        // Not cancellable: a half-written batch is rolled back by SQLite anyway, and a finished one should be kept.
        await Task.Run(() => index.UpsertAsync(chunks, checkpoint, CancellationToken.None), CancellationToken.None);

        var now = time.GetUtcNow();
        run.Counters = working.Clone();
        run.UpdatedAt = now;
        if ((now - _lastProgressWrite).TotalSeconds >= _options.ProgressWriteIntervalSeconds)
        {
            _lastProgressWrite = now;

            // An idle grain is collected after a while; a running ingestion is not idle.
            DelayDeactivation(TimeSpan.FromMinutes(10));
            await PersistAsync();
        }
    }

    private async Task<List<IndexedChunk>> EmbedAsync(SourceRecord[] records, CancellationToken cancellationToken)
    {
        var pieces = new List<(SourceRecord Record, int Index, string Text)>();
        foreach (var record in records)
        {
            var texts = _chunker.Split(record.Text);
            for (var i = 0; i < texts.Count; i++)
            {
                pieces.Add((record, i, texts[i]));
            }
        }

        if (pieces.Count == 0)
        {
            return [];
        }

        var embeddings = await embedder.GenerateAsync(pieces.Select(piece => piece.Text), null, cancellationToken);
        var chunks = new List<IndexedChunk>(pieces.Count);
        for (var i = 0; i < pieces.Count; i++)
        {
            var (record, chunkIndex, text) = pieces[i];
            chunks.Add(new IndexedChunk
            {
                ChunkId = TextChunker.ChunkId(Name, record.Id, chunkIndex),
                Dataset = Name,
                RecordId = record.Id,
                Kind = record.Kind,
                Text = text,
                Vector = embeddings[i].Vector,
                Title = record.Title,
                Url = record.Url,
                AgeYears = record.AgeYears,
                Gender = record.Gender,
            });
        }

        return chunks;
    }

    private static void Finish(IngestionRunState run, IngestionState state, DateTimeOffset now)
    {
        run.State = state;
        run.FinishedAt = now;
        run.UpdatedAt = now;
    }

    private void ArchiveCurrentRun(DateTimeOffset now)
    {
        if (State.Current is not { } previous)
        {
            return;
        }

        State.PastRuns.Insert(0, previous.ToSnapshot(Name, now));
        if (State.PastRuns.Count > DatasetStatus.MaxPastRuns)
        {
            State.PastRuns.RemoveRange(DatasetStatus.MaxPastRuns, State.PastRuns.Count - DatasetStatus.MaxPastRuns);
        }
    }

    /// <summary>Queues a state write behind any write in flight, so writes never overlap.</summary>
    private Task PersistAsync()
    {
        _writes = WriteAfterAsync(_writes);
        return _writes;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // The earlier write's caller received its failure; this write tries again with the newer state.
        }

        await dataset.WriteStateAsync();
    }

    private async Task UpdateRegistryAsync()
    {
        if (State.Current is not { } run)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IDatasetRegistryGrain>(0).UpdateAsync(new DatasetSummary(
                Name,
                run.RunId,
                run.State,
                run.Format,
                run.Counters.RecordsAccepted,
                run.UpdatedAt ?? run.CreatedAt));
        }
        catch (Exception exception)
        {
            // The list and the start-up wake-up read the registry; the run itself does not depend on it.
            DatasetLog.RegistryUpdateFailed(logger, exception, Name);
        }
    }

    /// <summary>Describes a failure for the API without echoing record text, which library messages may contain.</summary>
    private static string DescribeFailure(Exception exception) => exception switch
    {
        IngestionSourceException or InvalidDataException => exception.Message,
        Amazon.Runtime.AmazonServiceException service =>
            $"S3 request failed: {service.ErrorCode} ({(int)service.StatusCode}). Check the source and the S3 settings.",
        IOException => $"Reading the source failed: {exception.GetType().Name}. Start the ingestion again to retry.",
        _ => $"Ingestion failed with {exception.GetType().Name}; the silo log has the details.",
    };

    private static string NewRunId(DateTimeOffset now) =>
        $"{now:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}
