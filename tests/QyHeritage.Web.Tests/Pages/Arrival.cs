using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace QyHeritage.Web.Tests.Pages;

/// <summary>
/// Waits for a page to reach an address, or a load state, without losing the moment it does. Playwright's own
/// <c>WaitForURLAsync</c> and <c>WaitForLoadStateAsync</c> look at the page, then listen for its next event; an event
/// delivered between the two (on another thread) is heard by nobody and the wait runs to its timeout
/// (microsoft/playwright-dotnet#3364). CI lost a reading-room page turn so: the address had changed, the test waited
/// 90 s for it to change. The page's address and its reached load states are kept by Playwright whoever listens, so
/// looking at them again and again cannot miss them.
/// </summary>
public static class Arrival
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Until the page's address is <paramref name="url"/> (whole), then until it reaches <paramref name="until"/> (none: at once).</summary>
    public static Task AtAsync(IPage page, string url, LoadState? until = LoadState.Load, TimeSpan? timeout = null) =>
        AtAsync(page, u => u == url, until, timeout, url);

    /// <summary>Until the page's address passes <paramref name="address"/> (<paramref name="what"/>, its code, names it in the failure).</summary>
    public static async Task AtAsync(IPage page, Func<string, bool> address, LoadState? until = LoadState.Load, TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(address))] string what = "")
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        while (!address(page.Url))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the page never reached {what}: it is at {page.Url}");
            await Task.Delay(50);
        }
        if (until is { } state) await LoadStateAsync(page, state, deadline);
    }

    /// <summary>Until the page has reached <paramref name="state"/> (network idle: no request for half a second).</summary>
    public static Task LoadStateAsync(IPage page, LoadState state, TimeSpan? timeout = null) =>
        LoadStateAsync(page, state, DateTime.UtcNow + (timeout ?? Patience));

    private static async Task LoadStateAsync(IPage page, LoadState state, DateTime deadline)
    {
        // Short waits again and again: a state reached while one wait was not yet listening is found by the next at once.
        while (true)
        {
            try
            {
                await page.WaitForLoadStateAsync(state, new() { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
