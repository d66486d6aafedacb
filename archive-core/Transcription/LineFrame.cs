namespace QyHeritage.Archive.Transcription;

/// <summary>
/// Where one transcription line lies on the page: the middle of the line across, and a monotone map
/// from cell positions along the line to page coordinates, through the anchored characters.
/// </summary>
internal sealed class LineFrame
{
    private readonly (double Cell, double Along)[] _knots;

    /// <param name="axis">The line's frame.</param>
    /// <param name="crossCenter">Middle of the line across.</param>
    /// <param name="crossSize">Width of the line across (a main-text character's).</param>
    /// <param name="charAlong">Size of a character along the line.</param>
    /// <param name="pitch">Along-line distance per cell, used outside the knots.</param>
    /// <param name="knots">(mid-cell, along centre) pairs sorted by cell, strictly increasing in along centre.</param>
    /// <param name="origin">Along coordinate of cell 0, used only when there are no knots.</param>
    public LineFrame(LineAxis axis, double crossCenter, double crossSize, double charAlong, double pitch,
        IReadOnlyList<(double Cell, double Along)> knots, double origin)
    {
        Axis = axis;
        CrossCenter = crossCenter;
        CrossSize = crossSize;
        CharAlong = charAlong;
        Pitch = pitch;
        _knots = knots.ToArray();
        Origin = origin;
    }

    public LineAxis Axis { get; }

    public double CrossCenter { get; }

    public double CrossSize { get; }

    public double CharAlong { get; }

    public double Pitch { get; }

    public double Origin { get; }

    /// <summary>True when the frame rests on OCR glyphs rather than on estimates.</summary>
    public bool Anchored => _knots.Length > 0;

    /// <summary>
    /// The along-line coordinate of a mid-cell position: linear between the knots around it, and one
    /// pitch per cell beyond the first or last knot. Monotone because the knots are.
    /// </summary>
    public double AlongAt(double cell)
    {
        if (_knots.Length == 0) return Origin + cell * Pitch;
        var first = _knots[0];
        var last = _knots[^1];
        if (cell <= first.Cell) return first.Along - (first.Cell - cell) * Pitch;
        if (cell >= last.Cell) return last.Along + (cell - last.Cell) * Pitch;

        // Several knots can share a cell (the two sub-lines of a note); entering the shared cell from
        // before uses the smallest, leaving it the largest, which keeps the map monotone.
        var hi = 0;
        while (_knots[hi].Cell < cell) hi++;
        if (_knots[hi].Cell == cell) return _knots[hi].Along;
        var lo = _knots[hi - 1];
        var up = _knots[hi];
        return lo.Along + (cell - lo.Cell) / (up.Cell - lo.Cell) * (up.Along - lo.Along);
    }
}
