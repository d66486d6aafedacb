using Microsoft.Extensions.Logging;

namespace QyHeritage.Search;

/// <summary>The search module's log messages (structured, source-generated). Quiet by default: Information and below for progress only.</summary>
internal static partial class SearchLog
{
    [LoggerMessage(1, LogLevel.Warning, "Item {Item} page {Page}: {Boxes} boxes for {Chars} characters; the page is indexed without hit boxes")]
    public static partial void BoxCountMismatch(ILogger logger, string item, string page, int boxes, int chars);

    [LoggerMessage(2, LogLevel.Debug, "Indexed {Item} v{Version}: {Pages} pages")]
    public static partial void Indexed(ILogger logger, string item, int version, int pages);

    [LoggerMessage(3, LogLevel.Warning, "Item {Item} was not indexed: {Reason}; the server's catch-up will index it")]
    public static partial void NotIndexed(ILogger logger, string item, string reason);

    [LoggerMessage(4, LogLevel.Information, "Search index catch-up: {Count} items indexed")]
    public static partial void CaughtUp(ILogger logger, int count);

    [LoggerMessage(5, LogLevel.Warning, "Object {Item} skipped by the reindex: {Reason}")]
    public static partial void ReindexSkipped(ILogger logger, string item, string reason);

    [LoggerMessage(7, LogLevel.Warning, "The search index was built with analysis {Indexed}, this program uses {Current}: rebuilding it from storage")]
    public static partial void StaleIndex(ILogger logger, string indexed, string current);

    [LoggerMessage(6, LogLevel.Error, "Search index catch-up failed")]
    public static partial void CatchUpFailed(ILogger logger, Exception e);
}
