using Microsoft.Extensions.Logging;

namespace QyHeritage.Archive.Ocfl;

/// <summary>Structured log events of the OCFL repository. Per-file detail is Debug, so ingest logs stay quiet by default.</summary>
internal static partial class OcflLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "OCFL {ObjectId}: committed {VersionName} ({FileCount} files, {FilesWritten} new content files, {BytesWritten} bytes)")]
    public static partial void Committed(ILogger logger, string objectId, string versionName, int fileCount, int filesWritten, long bytesWritten);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "OCFL {ObjectId}: state equals {VersionName}; no new version")]
    public static partial void Unchanged(ILogger logger, string objectId, string versionName);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "OCFL {ObjectId}: stored {ContentPath} ({Bytes} bytes)")]
    public static partial void StoredContent(ILogger logger, string objectId, string contentPath, long bytes);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "OCFL {ObjectId}: removed {Count} blobs of an interrupted commit under {Prefix}")]
    public static partial void RemovedIncomplete(ILogger logger, string objectId, int count, string prefix);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "OCFL {ObjectId}: completed the root inventory sidecar of {VersionName} after an interrupted commit")]
    public static partial void RepairedSidecar(ILogger logger, string objectId, string versionName);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "OCFL storage root created under '{Prefix}'")]
    public static partial void CreatedStorageRoot(ILogger logger, string prefix);
}
