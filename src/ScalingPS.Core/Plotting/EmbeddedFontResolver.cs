using ScottPlot;
using SkiaSharp;

namespace ScalingPS.Core.Plotting;

/// <summary>
/// Serves DejaVu Sans from the module assembly, for machines with no system fonts (slim containers, CI),
/// where ScottPlot would otherwise draw every title, label and tick blank. ScottPlot has no font of its own.
/// Bold and italic requests get the regular face: legible beats missing.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";
    private const string ResourceName = "ScalingPS.Fonts.DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface?> Typeface = new(Load);
    private static readonly object Gate = new();
    private static bool s_registered;

    /// <summary>Adds the resolver in front of ScottPlot's own (once per process); false when the font cannot be loaded.</summary>
    public static bool Register()
    {
        lock (Gate)
        {
            if (s_registered) return true;
            if (Typeface.Value is null) return false;
            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
            s_registered = true;
            return true;
        }
    }

    private static SKTypeface? Load()
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null) return null;
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data);
    }

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        string.Equals(fontName, FamilyName, StringComparison.OrdinalIgnoreCase) ? Typeface.Value : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, false, false);
}
