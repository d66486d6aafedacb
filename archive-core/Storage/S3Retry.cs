using Microsoft.Extensions.Logging;
using Minio.Exceptions;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// Retries an S3 operation on transient failures (connection refused or reset, timeouts, 5xx, 429 — a 5xx without a
/// body too, which the SDK reports as its own NullReferenceException —, short reads, a write whose stored bytes did not verify) with exponential backoff and jitter, a
/// bounded number of times; then throws <see cref="BlobStoreUnavailableException"/> naming the
/// operation, the key and the last cause. A refused credential (403) is not retried: it becomes
/// <see cref="S3AccessDeniedException"/> at once, naming the access key id. Anything else (not found)
/// passes through at once.
/// </summary>
internal sealed class S3Retry(int maxAttempts, TimeSpan baseDelay, ILogger log, S3Identity? identity = null)
{
    public async Task<T> RunAsync<T>(string operation, string key, Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(ct);
            }
            catch (Exception e) when (identity is not null && IsAccessDenied(e))
            {
                throw new S3AccessDeniedException(identity, operation, key, e);
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                if (attempt >= maxAttempts)
                    throw new BlobStoreUnavailableException(operation, key, attempt, e);
                var delay = TimeSpan.FromMilliseconds(baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1) * (0.75 + Random.Shared.NextDouble() * 0.5));
                S3Log.Retrying(log, operation, key, attempt, maxAttempts, (int)delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, ct);
            }
        }
    }

    public Task RunAsync(string operation, string key, Func<CancellationToken, Task> action, CancellationToken ct) =>
        RunAsync(operation, key, async t => { await action(t); return true; }, ct);

    /// <summary>The server refused who we are or what we may do (403: bad signature, unknown key, no permission).</summary>
    internal static bool IsAccessDenied(Exception e) => e switch
    {
        S3AccessDeniedException => false, // already explained
        S3RequestException r => r.Status == 403,
        AuthorizationException or AccessDeniedException or ForbiddenException => true,
        MinioException m when m.ServerResponse is { } r => (int)r.StatusCode == 403,
        MinioException m when m.InnerException is { } inner => IsAccessDenied(inner),
        _ => false,
    };

    internal static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        _ when ct.IsCancellationRequested => false,
        BlobNotFoundException or InvalidBlobKeyException or BlobCorruptedException => false,
        S3RequestException r => r.Status >= 500 || r.Status == 429,
        S3WriteVerificationException => true,
        ConnectionException or InternalServerException or UnexpectedShortReadException => true,
        MinioException m when m.ServerResponse is { } r => (int)r.StatusCode >= 500 || (int)r.StatusCode == 429,
        // The SDK wraps transport failures in its own exceptions in some paths and not in others.
        MinioException m when m.InnerException is { } inner => IsTransient(inner, ct),
        HttpRequestException or TimeoutException or OperationCanceledException => true,
        IOException => true,
        NullReferenceException n when IsSdksOwn(n) => true,
        _ => false,
    };

    /// <summary>
    /// The SDK's own failure to read an error answer without a body (a 503 from a server shedding load, to a HEAD: its
    /// parser dereferences the missing body, minio-dotnet#1333): a busy server, not a fault of ours.
    /// </summary>
    private static bool IsSdksOwn(NullReferenceException e) =>
        e.TargetSite?.DeclaringType?.Assembly == typeof(MinioException).Assembly;
}

/// <summary>The blob store could not be reached or kept failing; the operation did not take effect.</summary>
public sealed class BlobStoreUnavailableException(string operation, string key, int attempts, Exception last)
    : IOException($"S3 {operation} of '{key}' failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {last.GetType().Name}: {last.Message}", last)
{
    public int Attempts { get; } = attempts;
}

/// <summary>Who the store is at which server: enough to say which credential was refused, never the secret.</summary>
internal sealed record S3Identity(string AccessKey, string Endpoint, string Bucket);

/// <summary>
/// The S3 server refused the store's credential (a wrong secret, an unknown access key, or a key
/// without rights on the bucket). Not transient: retrying with the same key cannot help. The message
/// names the access key id and where to set it; it never contains the secret.
/// </summary>
public sealed class S3AccessDeniedException : IOException
{
    internal S3AccessDeniedException(S3Identity who, string operation, string key, Exception cause)
        : base($"S3 at {who.Endpoint} refused access key '{who.AccessKey}' ({Describe(cause)}) on bucket '{who.Bucket}' during the {operation} of '{key}'. " +
               "Check Qy:S3:AccessKey and Qy:S3:SecretKey (or QY_S3_ACCESS_KEY / QY_S3_SECRET_KEY): the secret must belong to that key, " +
               "and the key must be allowed to read, write and list the bucket.", cause)
    {
        AccessKey = who.AccessKey;
        Endpoint = who.Endpoint;
        Bucket = who.Bucket;
        Code = KnownCode(cause);
    }

    /// <summary>The access key id that was refused (not a secret).</summary>
    public string AccessKey { get; }

    public string Endpoint { get; }

    public string Bucket { get; }

    /// <summary>The S3 error code when the answer named one (SignatureDoesNotMatch, InvalidAccessKeyId, AccessDenied); null after a bodiless 403 (a HEAD).</summary>
    public string? Code { get; }

    private static string Describe(Exception e) => KnownCode(e) ?? "403 Forbidden";

    private static string? KnownCode(Exception e)
    {
        foreach (var code in new[] { "SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied" })
            for (var x = e; x is not null; x = x.InnerException)
                if (x.Message.Contains(code, StringComparison.Ordinal) || (x is MinioException m && (m.Response?.Code == code || m.ServerResponse?.Content?.Contains(code, StringComparison.Ordinal) == true)))
                    return code;
        return null;
    }
}

/// <summary>What the server stored is not what was sent (ETag or read-back digest differs).</summary>
public sealed class S3WriteVerificationException(string message) : IOException(message);
