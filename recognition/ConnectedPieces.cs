using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// The connected pieces of ink, or of paper, within a box of the page, joined 8 ways (corners too: an anti-aliased
/// diagonal stroke is one piece of ink) or 4 ways (edges only: the paper inside a ring of ink, which meets the paper
/// outside at the ring's corners at most, is a piece of its own). Taken as runs of a row, each joined (union-find) to
/// the runs it touches in the row above: one pass over the box. Pieces are numbered by their first pixel, row by row
/// and left to right, as a scan of the box meets them; nothing outside the box joins them.
/// </summary>
internal sealed class ConnectedPieces
{
    /// <summary>A run of one row, in page pixels: <see cref="X0"/> to <see cref="X1"/>, both included.</summary>
    public readonly record struct Run(int Y, int X0, int X1)
    {
        public int Length => X1 - X0 + 1;
    }

    private readonly Box _within;
    private readonly Run[] _runs;          // row by row, left to right
    private readonly int[] _rowStart;      // the first run of each row of the box, and the end
    private readonly int[] _pieceOfRun;
    private readonly Run[] _byPiece;       // the runs again, piece by piece
    private readonly int[] _pieceStart;
    private readonly Box[] _boxes;
    private readonly int[] _areas;

    /// <summary>The pieces of ink within <paramref name="within"/> (clipped to the page), joined <paramref name="ways"/> (4 or 8) ways.</summary>
    public static ConnectedPieces Ink(InkImage page, Box within, int ways = 8) => new(page, within, ink: true, ways);

    /// <summary>The pieces of ink of the whole page, joined <paramref name="ways"/> (4 or 8) ways.</summary>
    public static ConnectedPieces Ink(InkImage page, int ways = 8) => new(page, new Box(0, 0, page.Width, page.Height), ink: true, ways);

    /// <summary>The pieces of paper within <paramref name="within"/> (clipped to the page), joined <paramref name="ways"/> (4 or 8) ways.</summary>
    public static ConnectedPieces Paper(InkImage page, Box within, int ways = 4) => new(page, within, ink: false, ways);

    private ConnectedPieces(InkImage page, Box within, bool ink, int ways)
    {
        if (ways is not (4 or 8)) throw new ArgumentOutOfRangeException(nameof(ways), ways, "Pieces join 4 or 8 ways.");
        int x0 = Math.Max(0, within.X), y0 = Math.Max(0, within.Y);
        int x1 = Math.Min(page.Width, within.Right), y1 = Math.Min(page.Height, within.Bottom);
        _within = x1 > x0 && y1 > y0 ? new Box(x0, y0, x1 - x0, y1 - y0) : new Box(x0, y0, 0, 0);
        var runs = new List<Run>();
        _rowStart = new int[_within.H + 1];
        for (var y = y0; y < y0 + _within.H; y++)
        {
            _rowStart[y - y0] = runs.Count;
            var row = page.Ink.AsSpan(y * page.Width + x0, _within.W);
            var x = 0;
            while (x < row.Length)
            {
                var start = ink ? row[x..].IndexOfAnyExcept((byte)0) : row[x..].IndexOf((byte)0);
                if (start < 0) break;
                x += start;
                var length = ink ? row[x..].IndexOf((byte)0) : row[x..].IndexOfAnyExcept((byte)0);
                if (length < 0) length = row.Length - x;
                runs.Add(new Run(y, x0 + x, x0 + x + length - 1));
                x += length;
            }
        }
        _rowStart[_within.H] = runs.Count;
        _runs = runs.ToArray();

        // Each run joins the runs of the row above that overlap it, or (8 ways) touch it at a corner.
        var reach = ways == 8 ? 1 : 0;
        var parent = new int[_runs.Length];
        for (var i = 0; i < parent.Length; i++) parent[i] = i;
        for (var r = 1; r < _within.H; r++)
        {
            int a = _rowStart[r - 1], b = _rowStart[r];
            for (var i = _rowStart[r]; i < _rowStart[r + 1]; i++)
            {
                var run = _runs[i];
                while (a < b && _runs[a].X1 < run.X0 - reach) a++;
                for (var j = a; j < b && _runs[j].X0 <= run.X1 + reach; j++) Union(parent, i, j);
            }
        }

        // A piece's root is its first run (the lower index wins each union), so numbering roots in run order numbers
        // the pieces by their first pixel.
        _pieceOfRun = new int[_runs.Length];
        var count = 0;
        for (var i = 0; i < _runs.Length; i++)
        {
            var root = Find(parent, i);
            _pieceOfRun[i] = root == i ? count++ : _pieceOfRun[root];
        }
        _boxes = new Box[count];
        _areas = new int[count];
        _pieceStart = new int[count + 1];
        var bx0 = new int[count];
        var bx1 = new int[count];
        var by0 = new int[count];
        var by1 = new int[count];
        Array.Fill(bx0, int.MaxValue);
        Array.Fill(by0, int.MaxValue);
        Array.Fill(bx1, -1);
        Array.Fill(by1, -1);
        for (var i = 0; i < _runs.Length; i++)
        {
            var (p, run) = (_pieceOfRun[i], _runs[i]);
            _areas[p] += run.Length;
            _pieceStart[p + 1]++;
            bx0[p] = Math.Min(bx0[p], run.X0); bx1[p] = Math.Max(bx1[p], run.X1);
            by0[p] = Math.Min(by0[p], run.Y); by1[p] = Math.Max(by1[p], run.Y);
        }
        for (var p = 0; p < count; p++)
        {
            _boxes[p] = new Box(bx0[p], by0[p], bx1[p] - bx0[p] + 1, by1[p] - by0[p] + 1);
            _pieceStart[p + 1] += _pieceStart[p];
        }
        _byPiece = new Run[_runs.Length];
        var next = _pieceStart.AsSpan(0, count).ToArray();   // where each piece's next run goes
        for (var i = 0; i < _runs.Length; i++) _byPiece[next[_pieceOfRun[i]]++] = _runs[i];
    }

    /// <summary>How many pieces there are.</summary>
    public int Count => _boxes.Length;

    /// <summary>The box the pieces were taken within, clipped to the page.</summary>
    public Box Within => _within;

    /// <summary>The piece's bounding box, in page pixels.</summary>
    public Box BoxOf(int piece) => _boxes[piece];

    /// <summary>How many pixels the piece has.</summary>
    public int AreaOf(int piece) => _areas[piece];

    /// <summary>The piece's runs, row by row.</summary>
    public ReadOnlySpan<Run> RunsOf(int piece) => _byPiece.AsSpan(_pieceStart[piece], _pieceStart[piece + 1] - _pieceStart[piece]);

    /// <summary>The runs on the rows of <paramref name="space"/> that reach into it, each with its piece (whole, not clipped to the space).</summary>
    public IEnumerable<(Run Run, int Piece)> RunsInto(Box space)
    {
        int from = Math.Max(space.Y, _within.Y) - _within.Y, to = Math.Min(space.Bottom, _within.Bottom) - _within.Y;
        for (var r = from; r < to; r++)
            for (var i = _rowStart[r]; i < _rowStart[r + 1]; i++)
                if (_runs[i].X1 >= space.X && _runs[i].X0 < space.Right) yield return (_runs[i], _pieceOfRun[i]);
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        a = Find(parent, a); b = Find(parent, b);
        if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
    }
}
