using QRCoder;

namespace QyHeritage.Web.Features.Tours;

/// <summary>The join link as a QR code, drawn as SVG (sharp on a classroom projector at any size).</summary>
public static class TourQr
{
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }
}
