namespace QyHeritage.Immersive.Rendering;

/// <summary>The sRGB transfer function (IEC 61966-2-1), as GL's sRGB formats and three.js apply it.</summary>
public static class Srgb
{
    public static float ToLinear(byte value)
    {
        float c = value / 255f;
        return c <= 0.04045f ? c / 12.92f : MathF.Pow((c + 0.055f) / 1.055f, 2.4f);
    }

    public static byte FromLinear(float linear)
    {
        float c = Math.Clamp(linear, 0f, 1f);
        float encoded = c <= 0.0031308f ? c * 12.92f : 1.055f * MathF.Pow(c, 1 / 2.4f) - 0.055f;
        return (byte)MathF.Round(encoded * 255f);
    }
}
