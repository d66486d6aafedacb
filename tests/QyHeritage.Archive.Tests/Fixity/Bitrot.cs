namespace QyHeritage.Archive.Tests.Fixity;

/// <summary>Silent corruption as disks cause it: one bit flipped in the middle of a file, its length and time unchanged.</summary>
public static class Bitrot
{
    public static void Flip(string file)
    {
        var time = File.GetLastWriteTimeUtc(file);
        using (var fs = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
        {
            fs.Position = fs.Length / 2;
            var b = fs.ReadByte();
            fs.Position = fs.Length / 2;
            fs.WriteByte((byte)(b ^ 0x10));
        }
        // Rot does not touch the time: nothing that trusts length and time alone may notice.
        File.SetLastWriteTimeUtc(file, time);
    }
}
