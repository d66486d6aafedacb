using Microsoft.Extensions.Logging;

namespace QyHeritage.Iiif;

/// <summary>Structured log messages of the IIIF endpoints; quiet by default (Debug), warnings only for real trouble.</summary>
internal static partial class IiifLog
{
    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "IIIF: pyramid of {Identifier} cannot be read: {Reason}")]
    public static partial void BadPyramid(ILogger logger, string identifier, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "IIIF: {Status} for {Path}: {Reason}")]
    public static partial void Refused(ILogger logger, int status, string path, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "IIIF: metadata of {ItemId} cannot be read: {Reason}")]
    public static partial void BadMetadata(ILogger logger, string itemId, string reason);
}
