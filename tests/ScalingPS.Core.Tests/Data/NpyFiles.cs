using System.Buffers.Binary;
using System.Text;

namespace ScalingPS.Core.Tests.Data;

/// <summary>
/// Writes .npy files byte by byte from the format description (magic, version, little-endian header length, the
/// dict literal padded to a 16/64-byte boundary and ended by '\n', then the raw values) — independently of the
/// module's writer, so reader tests do not trust the code under test.
/// </summary>
internal static class NpyFiles
{
    public static byte[] Build(int major, string descr, bool fortran, string shape, byte[] data, bool padTo64 = true)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int prefix = major == 1 ? 10 : 12;
        int unpadded = prefix + dict.Length + 1;
        int align = padTo64 ? 64 : 16;
        int total = (unpadded + align - 1) / align * align;
        string header = dict + new string(' ', total - unpadded) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        var len = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)header.Length);
        bytes.AddRange(len);
        bytes.AddRange((major == 3 ? Encoding.UTF8 : Encoding.ASCII).GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    public static byte[] Float64(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var b = new byte[v.Length * 8];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(8 * i), v[i]);
        return b;
    }

    public static byte[] Float32(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var b = new byte[v.Length * 4];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * i), (float)v[i]);
        return b;
    }

    public static string Save(string folder, string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
