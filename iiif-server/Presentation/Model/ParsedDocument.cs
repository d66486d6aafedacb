namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A document read into the model, or why it could not be (with the JSON path where reading stopped).
/// Errors are values, never exceptions, as in the Image API's request parsing.
/// </summary>
public readonly record struct ParsedDocument<T> where T : Resource
{
    private ParsedDocument(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    /// <summary>e.g. "$.items[0].label: a language map must be an object".</summary>
    public string? Error { get; }

    public bool IsValid => Error is null;

    public static ParsedDocument<T> Ok(T value) => new(value, null);

    public static ParsedDocument<T> Fail(string error) => new(default, error);

    /// <summary>The value, for callers that checked <see cref="IsValid"/>.</summary>
    public T Get() => IsValid ? Value! : throw new InvalidOperationException(Error);
}
