using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace QyHeritage.Web.Features.Accounts;

/// <summary>Marks the endpoint whose requests are sign-in attempts, the only ones the throttle counts.</summary>
public sealed class SignInAttemptMetadata
{
    public static readonly SignInAttemptMetadata Instance = new();
}

/// <summary>
/// Sign-in attempts through ASP.NET Core rate limiting: at most N a minute per account name and, separately,
/// per client address (one attacker trying many names, or many addresses trying one name). The limiter runs
/// before the endpoint, so a refused attempt never reaches the password check. Identity's lock-out is the
/// second line: it counts wrong passwords per account, across minutes.
/// </summary>
public static class SignInThrottle
{
    /// <summary>The form field the account partition reads (the form is read by the anti-forgery check before).</summary>
    public const string UserNameField = "userName";

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services, AccountSettings settings)
    {
        var window = new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, settings.SignInAttemptsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        };
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, "address:" + http.Connection.RemoteIpAddress, window)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, "account:" + AccountName(http), window)));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await AccountEndpoints.SignInPage(context.HttpContext, SignInProblem.TooManyAttempts, FormUserName(context.HttpContext), null, StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, string key, FixedWindowRateLimiterOptions window) =>
        http.GetEndpoint()?.Metadata.GetMetadata<SignInAttemptMetadata>() is null || !HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => window);

    /// <summary>The account name as Identity compares it (upper case).</summary>
    private static string AccountName(HttpContext http) => FormUserName(http).ToUpperInvariant();

    /// <summary>The user name typed, from a form already read (never reads it here: partitioning is synchronous); "" when there is none.</summary>
    internal static string FormUserName(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form?[UserNameField].ToString().Trim() ?? "";
}
