using System.Threading.Channels;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Immersive.Compiling;

namespace QyHeritage.Web.Features.Halls;

/// <summary>
/// Compiles a hall when its exhibition is published through the host's <see cref="ExhibitionStore"/> (the workshop, the
/// shipped exhibitions on first start), one at a time in the background; whenever a hall is compiled in this host (here,
/// or on its first request, or again because its exhibition or template changed) asks for its pictures (preview, stereo
/// pair, a panorama per tour stop) unless <c>Qy:Halls:PicturesOnPublish</c> is false. Besides this, a request for a
/// picture that is damaged or not rendered from the current GLB queues one (<see cref="HallPictureDerivatives.GetStateAsync"/>);
/// <c>qy hall render</c> renders from the command line.
/// </summary>
public sealed class HallsOnPublish : BackgroundService
{
    private readonly ExhibitionStore _store;
    private readonly HallDerivatives _halls;
    private readonly HallPictureDerivatives _pictures;
    private readonly HallOptions _options;
    private readonly ILogger<HallsOnPublish> _log;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public HallsOnPublish(ExhibitionStore store, HallDerivatives halls, HallPictureDerivatives pictures, HallOptions options, ILogger<HallsOnPublish> log)
    {
        (_store, _halls, _pictures, _options, _log) = (store, halls, pictures, options, log);
        // Here, not in ExecuteAsync: hosted services are all made before any starts, so no publication is missed.
        _store.Published += OnPublished;
        _halls.Compiled += OnCompiled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await _halls.CompileAsync(id, stoppingToken); // its pictures are asked for by OnCompiled
                }
                catch (Exception e) when (e is HallInputException or IOException or FormatException)
                {
                    _log.LogWarning("The hall of {Exhibition} was not compiled: {Reason}", id, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override void Dispose()
    {
        _store.Published -= OnPublished;
        _halls.Compiled -= OnCompiled;
        base.Dispose();
    }

    private void OnPublished(Exhibition e) => _queue.Writer.TryWrite(e.Id);

    private void OnCompiled(string id)
    {
        if (_options.PicturesOnPublish) _pictures.Request(id);
    }
}
