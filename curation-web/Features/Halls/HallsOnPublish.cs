using System.Threading.Channels;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Immersive.Compiling;

namespace QyHeritage.Web.Features.Halls;

/// <summary>
/// Compiles a hall when its exhibition is published in this host's archive (the workshop, the shipped exhibitions
/// on first start), one at a time in the background. A hall not compiled yet is compiled on its first request.
/// </summary>
public sealed class HallsOnPublish(ArchiveServices archive, HallDerivatives halls, ILogger<HallsOnPublish> log) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ExhibitionStore.Published += OnPublished;
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try { await halls.CompileAsync(id, stoppingToken); }
                catch (Exception e) when (e is HallInputException or IOException or FormatException)
                {
                    log.LogWarning("The hall of {Exhibition} was not compiled: {Reason}", id, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            ExhibitionStore.Published -= OnPublished;
        }
    }

    private void OnPublished(ArchiveServices where, Exhibition e)
    {
        if (ReferenceEquals(where, archive)) _queue.Writer.TryWrite(e.Id);
    }
}
