using NetVips;

namespace QyHeritage.Archive.Imaging;

/// <summary>
/// Reads a master's header (format, size, bands) and refuses, before any pixel is decoded, what
/// ingest must not decode: files that are not JPEG/PNG/TIFF by their bytes, empty, damaged or
/// cut-short files, and pages over the pixel limit (decompression bombs among them).
/// </summary>
public static class MasterProbe
{
    /// <summary>Reads the header of <paramref name="masterPath"/>.</summary>
    /// <exception cref="MasterRejectedException">The master is refused; the message names the file and the reason.</exception>
    public static MasterInfo Read(string masterPath, ImagingOptions options)
    {
        using var image = Open(masterPath, options, out var info);
        return info;
    }

    /// <summary>
    /// Opens the master for one sequential top-to-bottom read, after the checks of <see cref="Read"/>.
    /// Opening a libvips image reads only the header; pixels are decoded when the caller pulls them.
    /// </summary>
    internal static Image Open(string masterPath, ImagingOptions options, out MasterInfo info)
    {
        ArgumentException.ThrowIfNullOrEmpty(masterPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        VipsSettings.EnsureConfigured();

        var format = CheckBytes(masterPath);
        // Strict decoding: a warning from the decoder (a JPEG's missing end among them) is an
        // error, so a damaged page fails the build instead of becoming a grey-filled derivative.
        var failOn = options.Strictness == MasterStrictness.Warning ? Enums.FailOn.Warning : Enums.FailOn.Error;

        Image image;
        try
        {
            // One explicit loader per format rather than libvips' sniffing: nothing but these three
            // decoders ever sees an ingested file. revalidate keeps a cached open from being reused
            // if the host turned libvips' operation cache on.
            image = format switch
            {
                MasterFormat.Jpeg => Image.Jpegload(masterPath, access: Enums.Access.Sequential, failOn: failOn, revalidate: true),
                MasterFormat.Png => Image.Pngload(masterPath, access: Enums.Access.Sequential, failOn: failOn, revalidate: true),
                _ => Image.Tiffload(masterPath, access: Enums.Access.Sequential, failOn: failOn, revalidate: true),
            };
        }
        catch (VipsException e)
        {
            throw new MasterRejectedException(masterPath, RejectionReason.Corrupt,
                $"the {format} header cannot be read: {VipsMessages.Clean(e.Message)}", e);
        }

        try
        {
            // Checked on the header's declared size: libvips has allocated nothing for pixels yet.
            var pixels = (long)image.Width * image.Height;
            if (pixels > options.MaxPixels)
            {
                throw new MasterRejectedException(masterPath, RejectionReason.TooManyPixels,
                    $"the header declares {image.Width}x{image.Height} = {pixels:N0} pixels, over the limit of {options.MaxPixels:N0}");
            }
            info = new MasterInfo(masterPath, format, image.Width, image.Height, image.Bands, image.Format.ToString().ToLowerInvariant());
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Checks existence, size, magic bytes and (for JPEG and PNG) the end marker.</summary>
    private static MasterFormat CheckBytes(string masterPath)
    {
        FileStream file;
        try
        {
            file = new FileStream(masterPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MasterRejectedException(masterPath, RejectionReason.Unreadable, $"the file cannot be opened: {e.Message}", e);
        }

        using (file)
        {
            if (file.Length == 0)
                throw new MasterRejectedException(masterPath, RejectionReason.Empty, "the file is empty (0 bytes)");

            Span<byte> head = stackalloc byte[MagicBytes.Length];
            var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..read];
            var format = MagicBytes.Identify(head) ?? throw new MasterRejectedException(masterPath, RejectionReason.UnsupportedFormat,
                $"the file is not JPEG, PNG or TIFF by its first bytes ({MagicBytes.Describe(head)}), whatever its extension says");

            var problem = TrailerCheck.FindProblem(file, format);
            if (problem is not null) throw new MasterRejectedException(masterPath, RejectionReason.Corrupt, problem);
            return format;
        }
    }
}
