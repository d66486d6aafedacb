using Microsoft.Extensions.Logging;

namespace QyHeritage.Web.Cli;

/// <summary>Quiet console logging for the command-line verbs: warnings and errors only unless QY_VERBOSE=1.</summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(b =>
    {
        b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        b.SetMinimumLevel(Environment.GetEnvironmentVariable("QY_VERBOSE") == "1" ? LogLevel.Information : LogLevel.Warning);
    });
}
