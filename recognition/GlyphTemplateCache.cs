using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace QyHeritage.Recognition;

/// <summary>
/// The glyph templates of a style kept on disk, so that a process reads its first page without drawing 28,000 characters
/// a style first (14 s on two cores; loading the file takes a fraction of a second). A file is named by a hash of
/// everything the templates depend on — the fonts' files (path, face, length, last write), the drawing size, the shape
/// sizes and this format's version — and carries that key inside too, so a changed font or shape simply misses. Written to a
/// temporary file and renamed into place: a process stopped mid-write, or two writing at once, leave no half file. A file
/// that does not read back exactly (truncated, another format) is ignored and the templates are drawn again.
/// </summary>
internal static class GlyphTemplateCache
{
    // Bump when the file layout or what a template holds changes without changing the key's other parts.
    private const int FormatVersion = 2;
    private static readonly byte[] Magic = "QYGT"u8.ToArray();

    /// <summary>
    /// The folder the files go in: <c>QY_GLYPH_CACHE</c> when set ("off": no cache), else the user's cache folder
    /// (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>) under qyheritage/glyph-templates; null when there is none.
    /// </summary>
    public static string? DefaultFolder()
    {
        if (Environment.GetEnvironmentVariable("QY_GLYPH_CACHE") is { Length: > 0 } set)
            return set.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : set;
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache")
            : null;
        return root is null ? null : Path.Combine(root, "qyheritage", "glyph-templates");
    }

    /// <summary>What a style's templates depend on, as text: equal keys draw equal templates.</summary>
    public static string Key(string style, IReadOnlyList<TemplateFont> fonts)
    {
        var key = new StringBuilder($"format {FormatVersion}; style {style}; {GlyphTemplates.DrawingKey}");
        foreach (var font in fonts)
        {
            var file = new FileInfo(font.Path);
            key.Append($"; {file.FullName}#{font.Face} {file.Length} {file.LastWriteTimeUtc.Ticks}");
        }
        return key.ToString();
    }

    public static string FileFor(string folder, string style, string key) =>
        Path.Combine(folder, $"{style}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]}.bin");

    /// <summary>The templates stored under this key, or null when there are none that read back whole.</summary>
    public static GlyphTemplates? Load(string file, string style, string key, ILogger logger)
    {
        if (!File.Exists(file)) return null;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadString() != key) return null;
            var count = reader.ReadInt32();
            int fineLength = reader.ReadInt32(), coarseLength = reader.ReadInt32();
            if (count < 0 || fineLength != GlyphShape.Size * GlyphShape.Size || coarseLength != GlyphShape.CoarseSize * GlyphShape.CoarseSize) return null;
            var expected = stream.Position + count * (5L + fineLength * 2L + coarseLength * 4L);
            if (stream.Length != expected) return null;
            var texts = new string[count];
            for (var i = 0; i < count; i++) texts[i] = char.ConvertFromUtf32(reader.ReadInt32());
            var fonts = reader.ReadBytes(count);
            var fine = new Half[count * fineLength];
            var coarse = new float[count * coarseLength];
            stream.ReadExactly(MemoryMarshal.AsBytes(fine.AsSpan()));
            stream.ReadExactly(MemoryMarshal.AsBytes(coarse.AsSpan()));
            return GlyphTemplates.FromStored(style, texts, fonts, fine, coarse);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            logger.LogDebug(e, "Glyph template file {File} could not be read: drawing the templates again", file);
            return null;
        }
    }

    /// <summary>Stores the templates under this key; a folder that cannot be written only costs the next process the drawing.</summary>
    public static void Save(string file, string key, GlyphTemplates templates, ILogger logger)
    {
        var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                var (texts, fonts, fine, coarse) = templates.Stored;
                writer.Write(Magic);
                writer.Write(key);
                writer.Write(texts.Length);
                writer.Write(GlyphShape.Size * GlyphShape.Size);
                writer.Write(GlyphShape.CoarseSize * GlyphShape.CoarseSize);
                foreach (var text in texts) writer.Write(char.ConvertToUtf32(text, 0));
                writer.Write(fonts);
                writer.Flush();
                stream.Write(MemoryMarshal.AsBytes(fine));
                stream.Write(MemoryMarshal.AsBytes(coarse));
            }
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug(e, "Glyph templates could not be kept in {File}: the next process draws them again", file);
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
