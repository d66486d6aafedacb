namespace QyHeritage.Search.Queries;

/// <summary>A query the researcher typed that cannot be run; the message says why, in Chinese and English.</summary>
public sealed class SearchQueryException(string message, Exception? inner = null) : Exception(message, inner);
