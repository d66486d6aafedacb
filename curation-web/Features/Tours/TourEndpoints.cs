using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Web.Features.Accounts;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Features.Tours;

/// <summary>
/// Live tours over HTTP: start one (<c>POST /tours</c>), join one (<c>GET/POST /tours/join</c>, no account, throttled),
/// the pupil's page (<c>GET /tours/{id}/pupil</c>), the join QR code and the summary CSV for the guide, guide accounts
/// made by curators (<c>POST /tours/guides</c>), and the hub. The guide's pages are Razor components
/// (<c>/tours</c>, <c>/tours/{id}/guide</c>).
/// </summary>
public static class TourEndpoints
{
    public const string JoinPath = "/tours/join";

    public static IServiceCollection AddQyTours(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new TourSettings();
        configuration.GetSection(TourSettings.Section).Bind(settings);
        services.AddSingleton(settings);
        services.AddHostedService<TourKeeper>();
        var signalR = services.AddSignalR(o => o.MaximumReceiveMessageSize = 8 * 1024);
        if (settings.Redis is { Length: > 0 } redis)
        {
            // Several hosts: the hub's messages through the Redis backplane, the tours' state in Redis (see RedisTourRegistry).
            signalR.AddStackExchangeRedis(redis, o =>
            {
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("qy-tours");
                o.Configuration.AbortOnConnectFail = false;
            });
            services.AddSingleton<TourRegistry, RedisTourRegistry>();
            // The join limits hold for all the hosts together: a guesser spreading tries over hosts gains nothing.
            services.AddSingleton<TourJoinThrottle>(sp => new RedisTourJoinThrottle(settings, (RedisTourRegistry)sp.GetRequiredService<TourRegistry>()));
        }
        else
        {
            services.AddSingleton<TourRegistry, MemoryTourRegistry>();
            services.AddSingleton<TourJoinThrottle, MemoryTourJoinThrottle>();
        }
        return services;
    }

    public static void MapTours(this IEndpointRouteBuilder app)
    {
        // Anyone may connect: pupils have no account. Each guide method checks the role itself ([Authorize] per method)
        // and the caller's Origin; a pupil's connection can only answer. Negotiation carries no form to forge.
        app.MapHub<TourHub>(TourHub.Path, o => o.ApplicationMaxBufferSize = 8 * 1024).AllowAnonymous().DisableAntiforgery();

        app.MapGet(JoinPath, (HttpContext http, string? code) => JoinPage(http, TourJoinProblem.None, code, null));
        app.MapPost(JoinPath, JoinAsync).AllowAnonymous();
        app.MapGet("/tours/{id}/pupil", async (HttpContext http, string id, TourRegistry tours) =>
            await tours.FindAsync(id, http.RequestAborted) is { } tour
                ? new RazorComponentResult<PupilPage>(new Dictionary<string, object?> { [nameof(PupilPage.Tour)] = tour })
                : JoinPage(http, TourJoinProblem.WrongCode, null, null, StatusCodes.Status404NotFound));

        app.MapPost("/tours", StartAsync).RequireAuthorization(AccountPolicies.Staff);
        var guides = app.MapGroup("/tours").RequireAuthorization(AccountPolicies.Staff);
        guides.MapGet("/{id}/qr.svg", async (HttpContext http, string id, TourRegistry tours) =>
            await LedByAsync(http, tours, id) is { } tour ? Results.Text(TourQr.Svg(JoinUrl(http, tour)), "image/svg+xml") : Missing(http));
        guides.MapGet("/{id}/summary.csv", async (HttpContext http, string id, TourRegistry tours) =>
            await LedByAsync(http, tours, id) is { } tour
                ? Results.File(TourSummary.Csv(tour), "text/csv; charset=utf-8", $"tour-{tour.ExhibitionId}-{tour.Created.UtcDateTime:yyyyMMdd-HHmm}.csv")
                : Missing(http));
        app.MapPost("/tours/guides", AddGuideAsync).RequireAuthorization(AccountPolicies.Curator);
    }

    /// <summary>The join link the QR code and the console show: this site's join page with the code filled in.</summary>
    public static string JoinUrl(HttpContext http, Tour tour) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{JoinPath}?code={tour.Code}";

    /// <summary>The tour, when the signed-in caller is its guide or an admin.</summary>
    public static async Task<Tour?> LedByAsync(HttpContext http, TourRegistry tours, string id) =>
        await tours.FindAsync(id, http.RequestAborted) is { } tour && (tour.Guide == http.User.Identity?.Name || http.User.IsInRole(AccountRoles.Admin)) ? tour : null;

    private static IResult Missing(HttpContext http) => BilingualAnswer.Refusal(StatusCodes.Status404NotFound, "没有这个导览，或它不由您带领。", "No such tour, or you do not lead it.");

    private static async Task<IResult> StartAsync(HttpContext http, [FromForm] string? exhibition, TourRegistry tours, ArchiveServices archive, ILoggerFactory loggers)
    {
        var store = new ExhibitionStore(archive);
        var slug = exhibition?.Trim() ?? "";
        var published = ExhibitionSlug.IsValid(slug) ? await store.GetPublishedAsync(slug, http.RequestAborted) : null;
        if (published is null || TourStops.From(published).Count == 0)
            return BilingualAnswer.Refusal(StatusCodes.Status400BadRequest, "请选择一个已发布且有展品的展览。", "Choose a published exhibition that has exhibits.");
        var version = store.Index.Find(slug)?.PublishedVersion ?? 0;
        var tour = await tours.StartAsync(published, version, http.User.Identity!.Name!, http.RequestAborted);
        TourLog.Started(loggers.CreateLogger("QyHeritage.Web.Tours"), tour.Id, slug, tour.Guide);
        return Results.Redirect($"/tours/{tour.Id}/guide", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> JoinAsync(HttpContext http, [FromForm] string? code, [FromForm] string? name,
        TourRegistry tours, TourJoinThrottle throttle, IHubContext<TourHub> hub)
    {
        var typedCode = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!await throttle.TryAddressAsync(http.Connection.RemoteIpAddress, http.RequestAborted))
            return JoinPage(http, TourJoinProblem.TooMany, typedCode, name, StatusCodes.Status429TooManyRequests);
        var tour = typedCode.Length == 6 ? await tours.FindLiveByCodeAsync(typedCode, http.RequestAborted) : null;
        if (tour is null)
        {
            // A wrong code spends the host's allowance for guessing; once it is spent every join waits, so the answer
            // (404 or 429) tells a guesser nothing more.
            if (!await throttle.TryWrongCodeAsync(http.RequestAborted))
                return JoinPage(http, TourJoinProblem.TooMany, typedCode, name, StatusCodes.Status429TooManyRequests);
            return typedCode.Length == 6 && await tours.EndedWithCodeAsync(typedCode, http.RequestAborted)
                ? JoinPage(http, TourJoinProblem.Ended, typedCode, name, StatusCodes.Status410Gone)
                : JoinPage(http, TourJoinProblem.WrongCode, typedCode, name, StatusCodes.Status404NotFound);
        }
        if (await throttle.CodeSpaceSpentAsync(http.RequestAborted))
            return JoinPage(http, TourJoinProblem.TooMany, typedCode, name, StatusCodes.Status429TooManyRequests);
        var clean = TourNames.CleanName(name, tours.Settings.NameMaxLength);
        if (clean is null)
            return JoinPage(http, TourJoinProblem.BadName, typedCode, name, StatusCodes.Status400BadRequest);
        var secret = TourPupil.NewToken();
        var token = $"{tour.Id}.{secret}";
        var pupil = new TourPupil(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(), clean, TourPupil.Hash(token), tours.Clock.GetUtcNow());
        if (!await tours.AddPupilAsync(tour, pupil, http.RequestAborted))
            return JoinPage(http, TourJoinProblem.Full, typedCode, name, StatusCodes.Status409Conflict);
        await TourHub.SendPupilsAsync(hub.Clients, tours, tour.Id);
        // The token travels in the fragment: never sent to a server, kept by the page in sessionStorage.
        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect($"/tours/{tour.Id}/pupil#rejoin={Uri.EscapeDataString(token)}");
    }

    private static async Task<IResult> AddGuideAsync(HttpContext http, [FromForm] string? userName, UserManager<IdentityUser> users, AccountsDatabase database)
    {
        await database.EnsureCreatedAsync(http.RequestAborted);
        var name = userName?.Trim() ?? "";
        var password = PasswordGenerator.Next();
        var user = new IdentityUser(name);
        var created = name.Length == 0 ? IdentityResult.Failed(new IdentityError { Description = "empty" }) : await users.CreateAsync(user, password);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, AccountRoles.Guide);
        return new RazorComponentResult<GuideAccountPage>(new Dictionary<string, object?>
        {
            [nameof(GuideAccountPage.UserName)] = name,
            [nameof(GuideAccountPage.Password)] = created.Succeeded ? password : null,
            [nameof(GuideAccountPage.Problems)] = created.Succeeded ? [] : created.Errors.Select(e => e.Description).ToList(),
        })
        { StatusCode = created.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest };
    }

    internal static IResult JoinPage(HttpContext http, TourJoinProblem problem, string? code, string? name, int status = StatusCodes.Status200OK)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        if (status == StatusCodes.Status429TooManyRequests) http.Response.Headers.RetryAfter = "60";
        http.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult<JoinPage>(new Dictionary<string, object?>
        {
            [nameof(Tours.JoinPage.Problem)] = problem,
            [nameof(Tours.JoinPage.Code)] = code is { Length: <= 6 } && code.All(char.IsAsciiDigit) ? code : null,
            [nameof(Tours.JoinPage.Name)] = name is { Length: <= 64 } ? name : null,
            [nameof(Tours.JoinPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(Tours.JoinPage.AntiforgeryToken)] = tokens.RequestToken,
        })
        { StatusCode = status };
    }
}

public enum TourJoinProblem { None, WrongCode, Ended, BadName, TooMany, Full }

