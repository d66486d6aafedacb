using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetVips;

namespace QyHeritage.Archive.Imaging;

/// <summary>
/// The imaging step of ingest: a master (JPEG, PNG or TIFF) becomes a tiled pyramidal TIFF with
/// JPEG tiles, the derivative the IIIF server cuts tiles from. The master is decoded once, in one
/// sequential pass, and the derivative appears at its destination only when complete.
/// Thread-safe: ingest may build one page per core in parallel with one instance.
/// </summary>
public sealed class PyramidBuilder
{
    private readonly ImagingOptions _options;
    private readonly ILogger _logger;

    public PyramidBuilder(ImagingOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        VipsSettings.EnsureConfigured();
    }

    /// <summary>Reads the master's header and applies the refusal rules, decoding no pixels.</summary>
    /// <exception cref="MasterRejectedException">The master is refused.</exception>
    public MasterInfo Probe(string masterPath)
    {
        try
        {
            var info = MasterProbe.Read(masterPath, _options);
            ImagingLog.Probed(_logger, masterPath, info.Format, info.Width, info.Height, info.Bands, info.BandFormat);
            return info;
        }
        catch (MasterRejectedException e)
        {
            ImagingLog.Refused(_logger, e.MasterPath, e.Reason, e.Detail);
            throw;
        }
    }

    /// <summary>
    /// Builds the derivative of <paramref name="masterPath"/> at <paramref name="destinationPath"/>
    /// (a local file, replaced if present). Written to a temporary file beside the destination and
    /// renamed into place, so readers never see half a pyramid and a failure leaves nothing behind.
    /// </summary>
    /// <exception cref="MasterRejectedException">The master is refused or turns out damaged while decoding.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    /// <exception cref="IOException">The derivative cannot be written (disk full, no permission).</exception>
    public PyramidInfo Build(string masterPath, string destinationPath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        ct.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();

        var destination = Path.GetFullPath(destinationPath);
        var directory = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(directory);
        // Same folder as the destination, so the final rename stays on one file system and is atomic.
        var temp = Path.Combine(directory, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");

        var owned = new List<Image>();
        try
        {
            MasterInfo master;
            try
            {
                owned.Add(MasterProbe.Open(masterPath, _options, out master));
            }
            catch (MasterRejectedException e)
            {
                ImagingLog.Refused(_logger, e.MasterPath, e.Reason, e.Detail);
                throw;
            }

            var ready = TilePreparation.Prepare(owned[0], owned);
            if (ct.CanBeCanceled)
            {
                // Lets libvips stop between tiles when ingest is cancelled, instead of finishing the
                // page. NetVips only watches the token while a progress receiver is attached: with
                // null it never checks (found by the mid-build cancellation test).
                ready.SetProgress(IgnoreProgress.Instance, ct);
            }

            Save(ready, temp, master, ct);
            FlushToDisk(temp);
            var levels = ReadLevels(temp);
            File.Move(temp, destination, overwrite: true);

            var info = new PyramidInfo(destination, master.Width, master.Height, _options.TileSize, levels, new FileInfo(destination).Length);
            ImagingLog.Built(_logger, destination, masterPath, info.Width, info.Height, levels.Count, info.Bytes,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return info;
        }
        finally
        {
            foreach (var image in owned) image.Dispose();
            TryDelete(temp);
        }
    }

    private void Save(Image ready, string temp, MasterInfo master, CancellationToken ct)
    {
        // Classic TIFF offsets are 32-bit. JPEG tiles of a page under any sane pixel limit stay far
        // below 4 GiB, but if the limit is raised, switch to BigTIFF before the uncompressed size
        // (all levels: about 4/3 of the page) could get there.
        var uncompressed = master.Pixels * ready.Bands * 4 / 3;
        var bigTiff = uncompressed > 3L * 1024 * 1024 * 1024;
        try
        {
            ready.Tiffsave(temp,
                compression: Enums.ForeignTiffCompression.Jpeg,
                q: _options.JpegQuality,
                tile: true,
                tileWidth: _options.TileSize,
                tileHeight: _options.TileSize,
                pyramid: true,
                bigtiff: bigTiff,
                // The colour profile is needed to show the pixels right; EXIF/XMP stay with the master.
                keep: Enums.ForeignKeep.Icc);
        }
        catch (VipsException e) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException("pyramid build cancelled", e, ct);
        }
        catch (VipsException e) when (VipsMessages.IsWriteFailure(e.Message))
        {
            // Not the master's fault: surface it as the I/O failure it is, so ingest stops or retries.
            throw new IOException($"cannot write the pyramid for '{master.Path}' to '{temp}': {VipsMessages.Clean(e.Message)}", e);
        }
        catch (VipsException e)
        {
            // The header was fine but the pixels were not: truncated or damaged data, found by the
            // strict decoder while streaming.
            var ex = new MasterRejectedException(master.Path, RejectionReason.Corrupt,
                $"the image data cannot be decoded: {VipsMessages.Clean(e.Message)}", e);
            ImagingLog.Refused(_logger, ex.MasterPath, ex.Reason, ex.Detail);
            throw ex;
        }
    }

    /// <summary>Level sizes as the written file says, so what we report is what we wrote.</summary>
    private static IReadOnlyList<PyramidLevel> ReadLevels(string pyramid)
    {
        using var first = Image.Tiffload(pyramid, revalidate: true);
        var pages = first.Contains("n-pages") ? (int)first.Get("n-pages") : 1;
        var levels = new List<PyramidLevel>(pages) { new(first.Width, first.Height) };
        for (var page = 1; page < pages; page++)
        {
            using var level = Image.Tiffload(pyramid, page: page, revalidate: true);
            levels.Add(new PyramidLevel(level.Width, level.Height));
        }
        return levels;
    }

    /// <summary>fsync before rename: otherwise a crash can leave the new name pointing at an empty file.</summary>
    private static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>A progress receiver that drops the percentages; only the cancellation check is wanted.</summary>
    private sealed class IgnoreProgress : IProgress<int>
    {
        public static readonly IgnoreProgress Instance = new();

        public void Report(int value)
        {
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover ".tmp" beside the destination is harmless and named as such.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
