namespace QyHeritage.Recognition;

/// <summary>OCR could not run: tesseract missing or failing, a model not installed, an unreadable image.</summary>
public sealed class OcrException(string message, Exception? inner = null) : Exception(message, inner);
