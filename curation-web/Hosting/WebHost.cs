using Microsoft.Extensions.DependencyInjection.Extensions;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Storage;
using QyHeritage.Iiif;
using QyHeritage.Iiif.Http;
using QyHeritage.Recognition;
using QyHeritage.Search.Api;
using QyHeritage.Web.Features.Accounts;
using QyHeritage.Web.Features.Admin;
using QyHeritage.Web.Features.FirstRun;
using QyHeritage.Web.Features.Halls;
using QyHeritage.Web.Features.Items;
using QyHeritage.Web.Features.Layout;
using QyHeritage.Web.Features.Thumbnails;
using QyHeritage.Web.Features.Workshop;
using QyHeritage.Web.Features.Tours;

namespace QyHeritage.Web.Hosting;

/// <summary>The composition root: configuration, the archive services and the endpoints.</summary>
public static class WebHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json ships beside the program; relative data paths still mean the working folder.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        var archiveOptions = new ArchiveOptions();
        builder.Configuration.GetSection(ArchiveOptions.Section).Bind(archiveOptions);
        var webOptions = new WebOptions();
        builder.Configuration.GetSection(ArchiveOptions.Section).Bind(webOptions);

        builder.Services.AddSingleton(archiveOptions);
        builder.Services.AddSingleton(webOptions);
        // A IIIF-only node (Qy:Role=iiif) reads the blob store alone: no catalog, index, ingest or audit.
        var fullNode = webOptions.Role == NodeRole.All;
        builder.Services.AddSingleton(sp => new ArchiveServices(archiveOptions, sp.GetRequiredService<ILoggerFactory>()));
        // The host publishes through this one store, so its Published event (the halls listen) sees every publication here.
        builder.Services.AddSingleton(sp => new QyHeritage.Archive.Exhibitions.ExhibitionStore(sp.GetRequiredService<ArchiveServices>()));
        // Whether the blob store answers, for /health: the server starts and keeps checking while S3 is down or refuses the key.
        builder.Services.AddSingleton(sp =>
        {
            var archive = sp.GetRequiredService<ArchiveServices>();
            return new BlobStoreHealth(archive.Store, $"{archive.Ocfl.RootPrefix}/{QyHeritage.Archive.Ocfl.OcflRepository.RootDeclaration}",
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("QyHeritage.Archive.Storage.Health"));
        });
        if (fullNode)
        {
            builder.Services.AddQySearch();
            // OCR for the first-run ingest (recognition/), a recogniser per ingest that disposes it; a IIIF-only node
            // never loads it. TryAdd: a test may register its own factory first.
            builder.Services.TryAddSingleton<Func<PageRecogniser>>(sp => () => new PageRecogniser(sp.GetRequiredService<ILoggerFactory>()));
            builder.Services.AddSingleton<FirstRunIngest>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<FirstRunIngest>());
            builder.Services.AddSingleton<HostWarmup>();
        }
        builder.Services.AddIiif(builder.Configuration);
        if (fullNode) builder.Services.AddScheduledAudit(builder.Configuration);
        builder.Services.AddQyAccounts(builder.Configuration, archiveOptions.DataFolder);
        builder.Services.AddQyPages();
        if (fullNode) builder.Services.AddQyTours(builder.Configuration);
        if (fullNode) builder.Services.AddQyOpenApi();
        if (fullNode) builder.Services.AddQyHalls(builder.Configuration);
        if (fullNode) builder.Services.AddQyHtmlCompression();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            // Enums as words ("relevance", "pages"), not numbers a client would have to look up.
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            // Numbers are numbers: the web default also reads "12" as 12, which the OpenAPI document then shows as integer-or-string.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });

        var app = builder.Build();
        app.UsePublicHost(); // first: forwarded headers from configured proxies only, then the allowed hosts
        app.UseQySecurity(); // headers, sign-in, roles, anti-forgery: before any endpoint, IIIF-only nodes included
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            app.Services.GetRequiredService<BlobStoreHealth>().Start();
            if (fullNode) app.Services.GetRequiredService<HostWarmup>().Start(webOptions.WarmUpOnStart, app.Lifetime.ApplicationStopping);
            foreach (var url in app.Urls) Console.WriteLine($"QyHeritage 清远文献遗产平台 serving on {url}");
        });
        if (!fullNode)
        {
            app.MapIiifOnlyNode();
            return app;
        }
        app.UseResponseCompression(); // HTML pages only, never one marked no-store (HtmlCompression: BREACH)
        app.MapHealth();
        app.MapQyOpenApi();
        app.MapItemsApi();
        app.MapThumbnails();
        app.MapIiif();
        app.MapSearchApi();
        app.MapQyHalls();
        app.MapAuditAdmin();
        app.MapWorkshop();
        app.MapAccounts();
        app.MapTours();
        app.MapQyPages();
        return app;
    }
}
