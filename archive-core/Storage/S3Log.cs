using Microsoft.Extensions.Logging;

namespace QyHeritage.Archive.Storage;

/// <summary>Structured log events of the S3 store. Per-request detail is Debug, so logs stay quiet by default.</summary>
internal static partial class S3Log
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "S3 {Operation} of {Key} failed (attempt {Attempt} of {MaxAttempts}), retrying in {DelayMs} ms: {Reason}")]
    public static partial void Retrying(ILogger logger, string operation, string key, int attempt, int maxAttempts, int delayMs, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "S3 stored {Key} ({Bytes} bytes, ETag of {Parts} part(s), verified by {Verification})")]
    public static partial void Stored(ILogger logger, string key, long bytes, int parts, string verification);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "S3 created bucket {Bucket} at {Endpoint}")]
    public static partial void CreatedBucket(ILogger logger, string bucket, string endpoint);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "S3 skipped key {Key} while listing: {Reason}")]
    public static partial void SkippedKey(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Error, Message = "S3 removed {Key} after its write could not be verified")]
    public static partial void RemovedUnverified(ILogger logger, string key);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Debug, Message = "S3 ETag of {Key} ({ETag}) cannot be checked locally; verified by read-back")]
    public static partial void EtagUncheckable(ILogger logger, string key, string etag);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Information, Message = "S3 create-only write of {Key} lost: another writer's object is there")]
    public static partial void CreateOnlyLost(ILogger logger, string key);
}
