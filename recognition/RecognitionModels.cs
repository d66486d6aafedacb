using Microsoft.Extensions.Logging;

namespace QyHeritage.Recognition;

/// <summary>
/// What recognition loads once and reads every page with: PP-OCR's ONNX Runtime session (one per model file) and the
/// glyph templates. Its owner (an ingest's <see cref="PageRecogniser"/>) keeps them while it recognises and disposes
/// them when it is done: the sessions' native arenas are freed and the templates (about 70 MB of the managed heap) can
/// be collected, so a host that ingested at first start does not carry them while it serves. Dispose only when no page
/// is being read; after that, reading throws <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class RecognitionModels : IDisposable
{
    private readonly Lock _paddleGate = new();
    private readonly Lock _glyphGate = new();
    private readonly Dictionary<string, PaddleRecogniser> _sessions = new(StringComparer.Ordinal);
    private IReadOnlyList<GlyphTemplates>? _glyphs;
    private volatile bool _disposed;
    private int _sessionsLoaded;

    /// <summary>ONNX Runtime sessions held now (0 once disposed).</summary>
    public int OpenSessions
    {
        get { lock (_paddleGate) return _sessions.Count; }
    }

    /// <summary>How many sessions were loaded over this object's life, released ones included.</summary>
    public int SessionsLoaded => Volatile.Read(ref _sessionsLoaded);

    /// <summary>Whether glyph templates are held now.</summary>
    public bool HoldsGlyphTemplates => Volatile.Read(ref _glyphs) is not null;

    public bool IsDisposed => _disposed;

    /// <summary>The session of one model file, loaded on first use.</summary>
    internal PaddleRecogniser Paddle(PaddleModelFiles files)
    {
        lock (_paddleGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_sessions.TryGetValue(files.Model, out var loaded)) return loaded;
            var session = new PaddleRecogniser(files.Model, files.Keys);
            _sessions[files.Model] = session;
            Interlocked.Increment(ref _sessionsLoaded);
            return session;
        }
    }

    /// <summary>The templates of every installed style, built on first use (seconds a style).</summary>
    internal IReadOnlyList<GlyphTemplates> Glyphs(ILogger logger)
    {
        lock (_glyphGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _glyphs ??= GlyphTemplates.BuildInstalled(logger);
        }
    }

    public void Dispose()
    {
        lock (_paddleGate)
        lock (_glyphGate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var session in _sessions.Values) session.Dispose();
            _sessions.Clear();
            _glyphs = null;
        }
    }
}
