using QyHeritage.Archive;
using QyHeritage.Iiif;
using QyHeritage.Search.Api;
using QyHeritage.Web.Features.Accounts;
using QyHeritage.Web.Features.Admin;
using QyHeritage.Web.Features.FirstRun;
using QyHeritage.Web.Features.Home;
using QyHeritage.Web.Features.Items;
using QyHeritage.Web.Features.Search;
using QyHeritage.Web.Features.Thumbnails;

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
        builder.Services.AddSingleton(sp => new ArchiveServices(archiveOptions, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddQySearch();
        builder.Services.AddSingleton<FirstRunIngest>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FirstRunIngest>());
        builder.Services.AddIiif(builder.Configuration);
        builder.Services.AddScheduledAudit(builder.Configuration);
        builder.Services.AddQyAccounts(builder.Configuration, archiveOptions.DataFolder);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            // Enums as words ("relevance", "pages"), not numbers a client would have to look up.
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });

        var app = builder.Build();
        app.UseQySecurity();
        app.MapGet("/health", (ArchiveServices archive, FirstRunIngest firstRun) => Results.Json(new
        {
            status = "ok",
            items = archive.Catalog.CountItems(),
            sampleIngest = firstRun.Status,
        }));
        app.MapHomePage();
        app.MapItemsApi();
        app.MapThumbnails();
        app.MapIiif();
        app.MapSearchApi();
        app.MapSearchPage();
        app.MapAuditAdmin();
        app.MapAccounts();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls) Console.WriteLine($"QyHeritage 清远文献遗产平台 serving on {url}");
        });
        return app;
    }
}
