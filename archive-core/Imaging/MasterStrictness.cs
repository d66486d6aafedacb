namespace QyHeritage.Archive.Imaging;

/// <summary>Which decoder complaints make a master refused (libvips' <c>fail_on</c>).</summary>
public enum MasterStrictness
{
    /// <summary>Refuse on errors only (libvips <c>fail_on=error</c>).</summary>
    Error,

    /// <summary>Refuse on errors and on warnings, truncation included (libvips <c>fail_on=warning</c>).</summary>
    Warning,
}
