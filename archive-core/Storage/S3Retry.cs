using Microsoft.Extensions.Logging;
using Minio.Exceptions;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// Retries an S3 operation on transient failures (connection refused or reset, timeouts, 5xx, 429,
/// short reads, a write whose stored bytes did not verify) with exponential backoff and jitter, a
/// bounded number of times; then throws <see cref="BlobStoreUnavailableException"/> naming the
/// operation, the key and the last cause. Anything else (not found, access denied) passes through at once.
/// </summary>
internal sealed class S3Retry(int maxAttempts, TimeSpan baseDelay, ILogger log)
{
    public async Task<T> RunAsync<T>(string operation, string key, Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(ct);
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
        _ => false,
    };
}

/// <summary>The blob store could not be reached or kept failing; the operation did not take effect.</summary>
public sealed class BlobStoreUnavailableException(string operation, string key, int attempts, Exception last)
    : IOException($"S3 {operation} of '{key}' failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {last.GetType().Name}: {last.Message}", last)
{
    public int Attempts { get; } = attempts;
}

/// <summary>What the server stored is not what was sent (ETag or read-back digest differs).</summary>
public sealed class S3WriteVerificationException(string message) : IOException(message);
