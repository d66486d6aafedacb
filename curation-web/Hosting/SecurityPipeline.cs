using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using QyHeritage.Web.Features.Accounts;

namespace QyHeritage.Web.Hosting;

/// <summary>
/// The request pipeline's security, in order: headers; routing (GET endpoints answer HEAD too); who is signed in;
/// role policies; a role for every state-changing route that declares none; anti-forgery on every state-changing
/// route; the sign-in throttle. Call once, before the endpoints are mapped.
/// </summary>
public static class SecurityPipeline
{
    public static WebApplication UseQySecurity(this WebApplication app)
    {
        app.Use(SecurityHeaders.AddAsync);
        app.UseRouting();
        app.Use(HeadAsGet);
        app.UseRouting(); // matches again only what HeadAsGet cleared (an endpoint already chosen is kept)
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(RequireRoleForStateChanges);
        app.UseAntiforgery();
        app.Use(RequireAntiforgeryToken);
        app.UseRateLimiter();
        return app;
    }

    public static bool IsStateChange(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>Whether an endpoint says who may call it: a policy or role, or explicitly anyone.</summary>
    public static bool DeclaresAccess(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<IAllowAnonymous>() is not null || RequiresAuthorization(metadata);

    public static bool RequiresAuthorization(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<IAllowAnonymous>() is null &&
        (metadata.GetMetadata<IAuthorizeData>() is not null || metadata.GetMetadata<AuthorizationPolicy>() is not null ||
         metadata.GetMetadata<IAuthorizationRequirementData>() is not null);

    /// <summary>
    /// HEAD on a route mapped for GET only: routed again as GET. The server still answers HEAD (headers, no body);
    /// routes that map HEAD themselves (IIIF) keep their own handling.
    /// </summary>
    private static Task HeadAsGet(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsHead(http.Request.Method) &&
            (http.GetEndpoint() is not RouteEndpoint endpoint ||
             endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods && !methods.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase)))
        {
            http.Request.Method = HttpMethods.Get;
            http.SetEndpoint(null);
            http.Request.RouteValues.Clear();
        }
        return next();
    }

    /// <summary>A state-changing route that declares no access rule still needs a staff role: a forgotten one is closed, not open.</summary>
    private static async Task RequireRoleForStateChanges(HttpContext http, Func<Task> next)
    {
        if (IsStateChange(http.Request.Method) && http.GetEndpoint() is RouteEndpoint endpoint && !DeclaresAccess(endpoint.Metadata))
        {
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            if (!(await authorization.AuthorizeAsync(http.User, AccountPolicies.Staff)).Succeeded)
            {
                if (http.User.Identity?.IsAuthenticated == true) await http.ForbidAsync();
                else await http.ChallengeAsync();
                return;
            }
        }
        await next();
    }

    /// <summary>
    /// Every state-changing route checks the anti-forgery token (form field or the X-CSRF-TOKEN header) unless it
    /// opts out with DisableAntiforgery(); ASP.NET Core's own check covers only form-bound endpoints.
    /// </summary>
    private static async Task RequireAntiforgeryToken(HttpContext http, Func<Task> next)
    {
        if (IsStateChange(http.Request.Method) && http.GetEndpoint() is RouteEndpoint endpoint &&
            endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: false })
        {
            // Form-bound endpoints were checked by UseAntiforgery already (and their form is then sealed when invalid).
            var valid = http.Features.Get<IAntiforgeryValidationFeature>() is { } checkedAlready
                ? checkedAlready.IsValid
                : await IsValidAsync(http);
            if (valid && http.Request.HasFormContentType)
            {
                // Read here, asynchronously, so that the sign-in throttle's partition can look at it.
                try { await http.Request.ReadFormAsync(http.RequestAborted); }
                catch (InvalidDataException) { valid = false; }
            }
            if (!valid)
            {
                await SecurityRefusals.WriteAsync(http, StatusCodes.Status400BadRequest,
                    "请求缺少有效的防伪令牌，已拒绝。请重新打开页面后再提交。",
                    "Refused: the request lacks a valid anti-forgery token. Reload the page and submit again.");
                return;
            }
        }
        await next();
    }

    private static async Task<bool> IsValidAsync(HttpContext http)
    {
        try { return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http); }
        catch (InvalidDataException) { return false; } // a form that cannot be read carries no token
    }
}
