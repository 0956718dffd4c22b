using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MedifyAI.Persistence;

/// <summary>
/// Start, stop and the calls without a cancellation token, shared by the grain storage providers. A provider starts
/// at <see cref="ServiceLifecycleStage.ApplicationServices"/> or on its first operation, whichever comes first,
/// stops once, and rejects operations after it stopped with <see cref="ObjectDisposedException"/>.
/// </summary>
public abstract class LifecycleGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly SemaphoreSlim _lifecycleLock = new(1, 1);
    private readonly IActivatorProvider _activatorProvider;
    private volatile bool _started;
    private volatile bool _stopped;

    protected LifecycleGrainStorage(string name, IActivatorProvider activatorProvider)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(activatorProvider);
        Name = name;
        _activatorProvider = activatorProvider;
    }

    /// <summary>Name the provider was registered under.</summary>
    protected string Name { get; }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{GetType().Name}-{Name}", ServiceLifecycleStage.ApplicationServices, InitializeAsync, StopAsync);

    /// <summary>Starts the provider (see <see cref="StartCoreAsync"/>). Safe to call more than once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _lifecycleLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_started)
            {
                return;
            }

            await StartCoreAsync(cancellationToken).ConfigureAwait(false);
            _started = true;
        }
        finally
        {
            _lifecycleLock.Release();
        }
    }

    /// <summary>Stops the provider once (see <see cref="StopCoreAsync"/>); later operations throw.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycleLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            await StopCoreAsync(_started).ConfigureAwait(false);
        }
        finally
        {
            _lifecycleLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public abstract Task ReadStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public abstract Task WriteStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public abstract Task ClearStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken);

    /// <summary>Opens what the provider needs: connections, tables. Runs once, under the lifecycle lock.</summary>
    protected abstract Task StartCoreAsync(CancellationToken cancellationToken);

    /// <summary>Releases what <see cref="StartCoreAsync"/> opened. <paramref name="started"/> is false when it never ran.</summary>
    protected abstract ValueTask StopCoreAsync(bool started);

    /// <summary>Starts the provider if the silo lifecycle has not yet; throws once the provider has stopped.</summary>
    protected async ValueTask EnsureStartedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        if (!_started)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the empty state a grain gets when no record exists.</summary>
    protected T CreateState<T>() => _activatorProvider.GetActivator<T>().Create();
}
