using SkiaSharp;

namespace QyHeritage.PageGen;

/// <summary>
/// The generator's fonts: CNS 11643 Sung/Kai (fonts-cns11643-sung, fonts-cns11643-kai) and cwTeX Ming/Kai/FangSong
/// (fonts-cwtex-*). Never AR PL UKai/UMing, Noto Serif CJK or HanaMin: the glyph templates of recognition/ are drawn
/// from those, and a page in the templates' own font would let the glyph vote pass on shape identity alone.
/// </summary>
public sealed class Fonts : IDisposable
{
    private const string Cns = "/usr/share/fonts/truetype/cns11643/";
    private const string Cw = "/usr/share/fonts/truetype/cwtex/";

    /// <summary>Each style's fonts in the order a character is looked for; the Ext-B/Plus files hold rare characters.</summary>
    private static readonly Dictionary<FontStyle, string[]> Chains = new()
    {
        [FontStyle.Kai] = [Cns + "TW-Kai-98_1.ttf", Cw + "cwkai.ttf", Cns + "TW-Kai-Ext-B-98_1.ttf", Cns + "TW-Kai-Plus-98_1.ttf",
                           Cns + "TW-Sung-98_1.ttf", Cw + "cwming.ttf", Cns + "TW-Sung-Ext-B-98_1.ttf", Cns + "TW-Sung-Plus-98_1.ttf"],
        [FontStyle.Sung] = [Cns + "TW-Sung-98_1.ttf", Cw + "cwming.ttf", Cns + "TW-Sung-Ext-B-98_1.ttf", Cns + "TW-Sung-Plus-98_1.ttf",
                            Cns + "TW-Kai-98_1.ttf", Cw + "cwkai.ttf", Cns + "TW-Kai-Ext-B-98_1.ttf", Cns + "TW-Kai-Plus-98_1.ttf"],
        [FontStyle.Ming] = [Cw + "cwming.ttf", Cns + "TW-Sung-98_1.ttf", Cns + "TW-Sung-Ext-B-98_1.ttf", Cns + "TW-Sung-Plus-98_1.ttf",
                            Cw + "cwkai.ttf", Cns + "TW-Kai-98_1.ttf", Cns + "TW-Kai-Ext-B-98_1.ttf", Cns + "TW-Kai-Plus-98_1.ttf"],
        [FontStyle.FangSong] = [Cw + "cwfs.ttf", Cns + "TW-Sung-98_1.ttf", Cw + "cwming.ttf", Cns + "TW-Sung-Ext-B-98_1.ttf", Cns + "TW-Sung-Plus-98_1.ttf"],
    };

    /// <summary>The Debian packages that hold them (./qy installs them for the tests and the bench).</summary>
    public const string Packages = "fonts-cns11643-sung fonts-cns11643-kai fonts-cwtex-ming fonts-cwtex-kai fonts-cwtex-fs";

    private readonly Dictionary<string, SKTypeface> typefaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SKFont> probes = new(StringComparer.Ordinal);

    public Fonts()
    {
        var paths = Chains.Values.SelectMany(p => p).Distinct().ToList();
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException($"Page generator fonts missing ({string.Join(", ", missing)}): install {Packages} (./qy test does).");
        foreach (var p in paths)
        {
            typefaces[p] = SKTypeface.FromFile(p) ?? throw new InvalidOperationException($"cannot load {p}");
            probes[p] = new SKFont(typefaces[p]);
        }
    }

    /// <summary>The first font of the style's chain that has the character, or null when none has it (then it is not drawn).</summary>
    public SKTypeface? For(FontStyle style, int codePoint)
    {
        foreach (var p in Chains[style])
        {
            if (probes[p].GetGlyph(codePoint) != 0) return typefaces[p];
        }
        return null;
    }

    public void Dispose()
    {
        foreach (var f in probes.Values) f.Dispose();
        foreach (var t in typefaces.Values) t.Dispose();
        probes.Clear();
        typefaces.Clear();
    }
}

public enum FontStyle { Kai, Sung, Ming, FangSong }
