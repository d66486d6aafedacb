namespace QyHeritage.Iiif.Caching;

/// <summary>
/// A bounded in-memory cache of decoded pyramid tiles (8-bit RGB or grey pixels), least recently
/// used out first: what a tile server keeps so that many different requests over the same area —
/// thumbnails of fifty sizes, a viewer's neighbouring regions — decode each stored tile once.
/// Keyed by the pyramid file and its version (length and time), so a rebuilt pyramid never serves
/// old pixels. The budget is counted in pixel bytes; a tile of 256×256 RGB is 192 KiB.
/// </summary>
public sealed class DecodedTileCache
{
    private readonly Dictionary<Key, LinkedListNode<Entry>> _index = [];
    private readonly LinkedList<Entry> _lru = new();
    private readonly Lock _lock = new();
    private long _bytes;
    private long _hits;
    private long _misses;

    public DecodedTileCache(long limitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        LimitBytes = limitBytes;
    }

    public long LimitBytes { get; }

    public long TotalBytes
    {
        get
        {
            lock (_lock) return _bytes;
        }
    }

    public int Count
    {
        get
        {
            lock (_lock) return _index.Count;
        }
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <param name="pyramid">The pyramid file and its version, e.g. <c>{path}|{version}</c>.</param>
    public byte[]? TryGet(string pyramid, int page, int tile)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(new Key(pyramid, page, tile), out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                _hits++;
                return node.Value.Pixels;
            }
            _misses++;
            return null;
        }
    }

    /// <summary>Keeps a decoded tile; the caller must not change <paramref name="pixels"/> afterwards.</summary>
    public void Put(string pyramid, int page, int tile, byte[] pixels)
    {
        if (pixels.Length > LimitBytes / 8) return; // one tile must never push out most of the cache
        var key = new Key(pyramid, page, tile);
        lock (_lock)
        {
            if (_index.ContainsKey(key)) return; // decoded twice at once: same pixels
            var node = _lru.AddFirst(new Entry(key, pixels));
            _index[key] = node;
            _bytes += pixels.Length;
            while (_bytes > LimitBytes && _lru.Last is { } oldest)
            {
                _lru.RemoveLast();
                _index.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Pixels.Length;
            }
        }
    }

    private readonly record struct Key(string Pyramid, int Page, int Tile);

    private sealed record Entry(Key Key, byte[] Pixels);
}
