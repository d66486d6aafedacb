namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The outcome of parsing or resolving one part of a request: a value, or a short error text that
/// names the parameter (sent as the body of a 400). Errors are values here, never exceptions, so
/// bad input cannot turn into a 500.
/// </summary>
public readonly record struct Parsed<T>
{
    private Parsed(T? value, string? error, int status)
    {
        Value = value;
        Error = error;
        Status = status;
    }

    public T? Value { get; }

    /// <summary>Why the input was refused, e.g. "size: 'full' is not allowed in Image API 3.0, use 'max'".</summary>
    public string? Error { get; }

    /// <summary>The HTTP status for the error (400 unless a rule says otherwise); 200 for a value.</summary>
    public int Status { get; }

    public bool IsValid => Error is null;

    public static Parsed<T> Ok(T value) => new(value, null, 200);

    public static Parsed<T> Fail(string error, int status = 400) => new(default, error, status);

    /// <summary>The value, for callers that checked <see cref="IsValid"/>.</summary>
    public T Get() => IsValid ? Value! : throw new InvalidOperationException(Error);
}
