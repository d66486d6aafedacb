using Microsoft.Extensions.Configuration;
using QyHeritage.Archive;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Cli;

/// <summary>
/// The qy verbs. Each verb's options are ordinary configuration keys, so the same settings work
/// from appsettings.json, environment variables (Qy__DataFolder) and the command line (--Qy:DataFolder=...).
/// </summary>
public static class QyCommandLine
{
    private const string Usage = """
        qy — QyHeritage, the special-collections platform of Qingyuan City Library (清远市图书馆)

        Usage: qy <verb> [options]

        Verbs:
          serve            Serve the web app, IIIF and APIs (default). On first start, ingests the sample collection.
          ingest FOLDER    Ingest a folder in the sample-collection format (items.csv + a folder per item).
          rebuild          Recreate the catalog from storage alone.
          audit            Check the fixity of every stored object (missing, extra, corrupted files).
          reindex          Rebuild the search index from storage alone.
          hall compile ID  Compile a published exhibition's VR/AR hall (GLB) and store it beside the pyramids.
          hall render ID   Render a compiled hall headless: preview, stereo pair, a 360° panorama per tour stop.
          user ...         Staff accounts: add NAME --role admin|curator|guide, list, remove NAME, role NAME ROLE, password NAME.
          help [verb]      Show help for a verb.

        Options (any verb):
          --Qy:DataFolder=PATH     Data folder (default: data)
          --urls=URL               Where to listen (serve; default: http://127.0.0.1:5080)
          --Qy:OcrEnabled=false    Skip OCR at ingest
          --Qy:MaxPixels=N         Largest master accepted in pixels (default 300000000)
        """;

    private static readonly Dictionary<string, string> VerbHelp = new(StringComparer.Ordinal)
    {
        ["serve"] = """
            qy serve [--urls=http://127.0.0.1:5080] [--Qy:DataFolder=data]

            Serves the home page (collections and items with thumbnails), /health, /api/items and /api/search.
            On the first start with an empty archive it ingests assets/sample-collection in the background
            (set Qy:IngestSampleOnFirstStart=false to skip); later starts reuse the data folder.
            """,
        ["ingest"] = """
            qy ingest FOLDER [--Qy:DataFolder=data] [--Qy:OcrEnabled=false] [--Qy:IngestParallelism=N]

            Reads FOLDER/items.csv and the page files (p001.jpg, p001.txt …) of each item's folder and writes
            an OCFL version per item (masters, metadata.json, transcriptions, OCR), pyramid derivatives and
            catalog rows. Running it again with the same input changes nothing; a changed page makes a new
            version. An interrupted ingest resumes where it stopped. It may run while 'qy serve' is serving.
            Exit code 0 when every item went in, 1 when some were refused (each is named), 2 on bad usage.
            """,
        ["rebuild"] = """
            qy rebuild [--Qy:DataFolder=data]

            Recreates the catalog from the OCFL objects in storage alone (their metadata.json),
            with the same content the ingest wrote.
            """,
        ["audit"] = AuditCommand.Help,
        ["user"] = UserCommand.Help,
        ["hall"] = HallCommand.Help,
        ["reindex"] = """
            qy reindex [--Qy:DataFolder=data]

            Rebuilds the search index (DATA/index) from the OCFL objects in storage alone, with a progress bar.
            Searches keep answering from the old index until the new one is committed at the end.
            """,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "serve";
        var rest = args.Where(a => a != verb || a.StartsWith('-')).ToList();
        var positional = args.SkipWhile(a => a != verb).Skip(1).Where(a => !a.StartsWith('-')).ToList();

        if (args.Contains("--help") || args.Contains("-h") || verb == "help")
        {
            var topic = verb == "help" ? positional.FirstOrDefault() : verb;
            Console.WriteLine(topic is not null && VerbHelp.TryGetValue(topic, out var text) ? text : Usage);
            return 0;
        }

        try
        {
            switch (verb)
            {
                case "serve":
                    return await ServeAsync(rest.ToArray());
                case "ingest":
                    if (positional.Count != 1)
                    {
                        Console.Error.WriteLine("qy ingest needs exactly one FOLDER. See: qy help ingest");
                        return 2;
                    }
                    return await IngestCommand.RunAsync(positional[0], LoadOptions(rest.Where(a => a != positional[0]).ToArray()));
                case "audit": return await AuditCommand.RunAsync(rest, LoadOptions(rest.Where(a => !a.StartsWith("--report=") && !a.StartsWith("--rate=") && !a.StartsWith("--item=") && a != "--no-derivatives").ToArray()));
                case "user":
                    // Only --Key=value settings are configuration; the verb's own words and switches are not.
                    var settings = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=') && !a.StartsWith("--role=", StringComparison.Ordinal)).ToArray();
                    return await UserCommand.RunAsync(args.SkipWhile(a => a != verb).Skip(1).ToList(), LoadConfiguration(settings), LoadOptions(settings).DataFolder);
                case "rebuild":
                    return await RebuildCommand.RunAsync(LoadOptions(rest.ToArray()));
                case "reindex":
                    return await ReindexCommand.RunAsync(LoadOptions(rest.ToArray()));
                case "hall":
                    return await HallCommand.RunAsync(positional, rest.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray());
                default:
                    Console.Error.WriteLine($"Unknown verb '{verb}'.\n\n{Usage}");
                    return 2;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or FormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"qy {verb}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        try
        {
            await WebHost.Build(args).RunAsync();
            return 0;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            Console.Error.WriteLine($"qy serve: {e.Message} Another program (or another qy serve) is listening there; " +
                "stop it or choose another address with --urls=http://127.0.0.1:5081.");
            return 1;
        }
    }

    /// <summary>The same configuration sources as the web host, for verbs that do not start it.</summary>
    internal static ArchiveOptions LoadOptions(string[] args)
    {
        var options = new ArchiveOptions();
        LoadConfiguration(args).GetSection(ArchiveOptions.Section).Bind(options);
        return options;
    }

    internal static IConfiguration LoadConfiguration(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build();
}
