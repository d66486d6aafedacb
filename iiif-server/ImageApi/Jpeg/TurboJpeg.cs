using System.Runtime.InteropServices;

namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>
/// The TurboJPEG calls (Debian's libturbojpeg0, the libjpeg-turbo 2.1 API) that decode a JPEG
/// into a caller's buffer at any pitch, and encode one from pixels in memory. When the library is missing,
/// <see cref="Available"/> is false and callers decode with libvips instead.
/// https://libjpeg-turbo.org/Documentation/Documentation (TurboJPEG C API)
/// </summary>
internal static class TurboJpeg
{
    private const string Library = "libturbojpeg.so.0";
    private const int PixelFormatRgb = 0; // TJPF_RGB
    private const int PixelFormatGray = 6; // TJPF_GRAY
    private const int Subsampling420 = 2; // TJSAMP_420
    private const int SubsamplingGray = 3; // TJSAMP_GRAY

    private static readonly Lazy<bool> Loaded = new(() => NativeLibrary.TryLoad(Library, typeof(TurboJpeg).Assembly, null, out _));

    public static bool Available => Loaded.Value;

    /// <summary>One decompressor, for the images of one request.</summary>
    public sealed class Decoder : IDisposable
    {
        private IntPtr _handle = tjInitDecompress();

        public Decoder()
        {
            if (_handle == IntPtr.Zero) throw new InvalidOperationException("tjInitDecompress failed");
        }

        /// <summary>
        /// Decodes the first <paramref name="length"/> bytes of <paramref name="jpeg"/>, a
        /// <paramref name="width"/>×<paramref name="height"/> image, into <paramref name="pixels"/>.
        /// TurboJPEG never writes outside width×height at that pitch: a larger image is scaled down to fit.
        /// </summary>
        /// <exception cref="InvalidDataException">Not a JPEG, or damaged (warnings count as damage).</exception>
        public void Decode(byte[] jpeg, int length, IntPtr pixels, int width, int pitch, int height, int bands)
        {
            // No tjDecompressHeader3 first: it parses the tables a second time, a tenth of a small tile's decoding.
            if (tjDecompress2(_handle, jpeg, (nuint)length, pixels, width, pitch, height, bands == 1 ? PixelFormatGray : PixelFormatRgb, 0) != 0)
                throw new InvalidDataException(Error());
        }

        private string Error() => Marshal.PtrToStringUTF8(tjGetErrorStr2(_handle)) ?? "TurboJPEG error";

        public void Dispose()
        {
            if (_handle == IntPtr.Zero) return;
            tjDestroy(_handle);
            _handle = IntPtr.Zero;
        }
    }

    /// <summary>
    /// <paramref name="pixels"/> (interleaved RGB or grey, tightly packed) as a baseline JPEG of
    /// <paramref name="quality"/>, 4:2:0 for colour: what libvips' jpegsave writes below Q 90.
    /// </summary>
    public static byte[] Encode(IntPtr pixels, int width, int height, int bands, int quality)
    {
        var handle = tjInitCompress();
        if (handle == IntPtr.Zero) throw new InvalidOperationException("tjInitCompress failed");
        var jpeg = IntPtr.Zero;
        try
        {
            nuint size = 0;
            if (tjCompress2(handle, pixels, width, width * bands, height, bands == 1 ? PixelFormatGray : PixelFormatRgb, ref jpeg, ref size,
                    bands == 1 ? SubsamplingGray : Subsampling420, quality, 0) != 0)
                throw new InvalidOperationException(Marshal.PtrToStringUTF8(tjGetErrorStr2(handle)) ?? "TurboJPEG error");
            var bytes = new byte[(int)size];
            Marshal.Copy(jpeg, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            if (jpeg != IntPtr.Zero) tjFree(jpeg);
            tjDestroy(handle);
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code enabled for the project; these calls pass only blittable values and byte arrays.
    [DllImport(Library)]
    private static extern IntPtr tjInitDecompress();

    [DllImport(Library)]
    private static extern int tjDecompress2(IntPtr handle, byte[] jpegBuf, nuint jpegSize, IntPtr dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [DllImport(Library)]
    private static extern IntPtr tjInitCompress();

    [DllImport(Library)]
    private static extern int tjCompress2(IntPtr handle, IntPtr srcBuf, int width, int pitch, int height, int pixelFormat, ref IntPtr jpegBuf, ref nuint jpegSize, int jpegSubsamp, int jpegQual, int flags);

    [DllImport(Library)]
    private static extern void tjFree(IntPtr buffer);

    [DllImport(Library)]
    private static extern int tjDestroy(IntPtr handle);

    [DllImport(Library)]
    private static extern IntPtr tjGetErrorStr2(IntPtr handle);
#pragma warning restore SYSLIB1054
}
