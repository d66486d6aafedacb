namespace QyHeritage.Immersive.Compiling;

/// <summary>What a standalone headset (Quest class, 72 Hz) can draw: the limits a hall is held to.</summary>
public sealed record HallBudgets(int DrawCalls, int Triangles, long TextureBytes, long GlbBytes)
{
    public static readonly HallBudgets Standalone = new(100, 300_000, 256L * 1024 * 1024, 60L * 1024 * 1024);
}

/// <summary>One texture as the GPU holds it: RGBA8 with a full mip chain (4/3 of the base level).</summary>
public sealed record TextureFigure(string Name, string Exhibit, int Width, int Height, long JpegBytes)
{
    public long GpuBytes => (long)Width * Height * 4 * 4 / 3;
}

/// <summary>The figures of a compiled hall, reported with every compile.</summary>
/// <param name="Textures">The GLB's textures: its atlas pages.</param>
/// <param name="Items">What is on the pages: each exhibit picture and panel at its size there (no JPEG bytes of its own).</param>
/// <param name="TextureDistance">The distance in metres from which the exhibit pictures' textures are as sharp as a headset shows them.</param>
public sealed record HallFigures(int Exhibits, int Sections, int Units, int Extensions, int DrawCalls, int Triangles, long TextureBytes, long GlbBytes,
    int AtlasPages, IReadOnlyList<TextureFigure> Textures, IReadOnlyList<TextureFigure> Items, double TextureDistance)
{
    public IReadOnlyList<string> Over(HallBudgets b)
    {
        var over = new List<string>();
        var distance = TextureDistance.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        var largest = Items.OrderByDescending(t => t.GpuBytes).ThenBy(t => t.Name, StringComparer.Ordinal).Take(3)
            .Select(t => $"{t.Name} {t.Width}×{t.Height} ({Mb(t.GpuBytes)})").ToList();
        if (DrawCalls > b.DrawCalls)
            over.Add($"绘制调用 {DrawCalls} 次，超过预算 {b.DrawCalls}：建筑每种材质一次，图集每页一次（{AtlasPages} 页）；请减少展品（{Exhibits} 件）或拆分展览。 " +
                     $"Draw calls {DrawCalls} exceed the budget of {b.DrawCalls}: one per building material and one per atlas page ({AtlasPages}); remove exhibits ({Exhibits}) or split the exhibition.");
        if (Triangles > b.Triangles)
            over.Add($"三角形 {Triangles} 个，超过预算 {b.Triangles}。 Triangles {Triangles} exceed the budget of {b.Triangles}.");
        if (TextureBytes > b.TextureBytes)
            over.Add($"纹理显存 {Mb(TextureBytes)}（{AtlasPages} 个图集页，展品图片按 {distance} 米观看），超过预算 {Mb(b.TextureBytes)}；" +
                     $"请缩小最大的展品或展板：{string.Join("、", largest)}，或拆分展览（{Exhibits} 件展品）。 " +
                     $"Texture memory {Mb(TextureBytes)} ({AtlasPages} atlas pages, exhibit pictures for {distance} m) exceeds the budget of {Mb(b.TextureBytes)}; " +
                     $"shrink the largest exhibits or panels: {string.Join(", ", largest)}, or split the exhibition ({Exhibits} exhibits).");
        if (GlbBytes > b.GlbBytes)
            over.Add($"GLB 文件 {Mb(GlbBytes)}，超过预算 {Mb(b.GlbBytes)}；请缩小最大的展品图片：{string.Join("、", largest)}。 " +
                     $"The GLB is {Mb(GlbBytes)}, over the budget of {Mb(b.GlbBytes)}; shrink the largest exhibit pictures: {string.Join(", ", largest)}.");
        return over;
    }

    /// <summary>One line per figure against its budget, for logs, the qy verb and the benchmark.</summary>
    public string Report(HallBudgets b) =>
        $"exhibits {Exhibits}, sections {Sections}, size {Units} unit(s) + {Extensions} extension(s); " +
        $"draw calls {DrawCalls}/{b.DrawCalls}, triangles {Triangles}/{b.Triangles}, texture memory {Mb(TextureBytes)}/{Mb(b.TextureBytes)} " +
        $"({AtlasPages} atlas page(s); pictures sharp from {TextureDistance.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} m), GLB {Mb(GlbBytes)}/{Mb(b.GlbBytes)}";

    public static string Mb(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");
}

/// <summary>A hall over budget: nothing is written; the message says what to shrink.</summary>
public sealed class HallBudgetException(HallFigures figures, IReadOnlyList<string> problems)
    : Exception(string.Join(" ", problems))
{
    public HallFigures Figures { get; } = figures;
    public IReadOnlyList<string> Problems { get; } = problems;
}
