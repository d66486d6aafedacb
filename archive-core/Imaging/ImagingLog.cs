using Microsoft.Extensions.Logging;

namespace QyHeritage.Archive.Imaging;

/// <summary>Structured log events of the imaging step. Success is Debug so ingest stays quiet by default.</summary>
internal static partial class ImagingLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Probed {MasterPath}: {Format} {Width}x{Height}, {Bands} bands of {BandFormat}")]
    public static partial void Probed(ILogger logger, string masterPath, MasterFormat format, int width, int height, int bands, string bandFormat);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Refused master {MasterPath} ({Reason}): {Detail}")]
    public static partial void Refused(ILogger logger, string masterPath, RejectionReason reason, string detail);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Built pyramid {DestinationPath} from {MasterPath}: {Width}x{Height}, {LevelCount} levels, {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void Built(ILogger logger, string destinationPath, string masterPath, int width, int height, int levelCount, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "libvips {Domain} {VipsLevel}: {VipsMessage}")]
    public static partial void Libvips(ILogger logger, string domain, string vipsLevel, string vipsMessage);
}
