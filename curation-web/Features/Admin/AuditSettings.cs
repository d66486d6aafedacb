namespace QyHeritage.Web.Features.Admin;

/// <summary>The scheduled audit, from the "Qy:Audit" configuration section.</summary>
public sealed class AuditSettings
{
    public const string Section = "Qy:Audit";

    /// <summary>
    /// Time between the end of one audit and the start of the next ("7.00:00:00" weekly, the default;
    /// "00:00:00" turns the schedule off, and audits then run only when asked for on the admin page).
    /// The first one after a start comes one interval after the last report, or, when there is none yet,
    /// <see cref="FirstWithoutReport"/> (or the interval, if shorter) after the start.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How soon after a start the first audit runs when no report exists yet.</summary>
    public static readonly TimeSpan FirstWithoutReport = TimeSpan.FromMinutes(10);

    /// <summary>Most MB/s the scheduled audit reads, so that it leaves the disk or network to live traffic; 0 for no limit.</summary>
    public double RateLimitMBps { get; set; } = 50;

    /// <summary>Also check the pyramids, against the digest recorded at write time.</summary>
    public bool Derivatives { get; set; } = true;

    public bool Scheduled => Interval > TimeSpan.Zero;
}
