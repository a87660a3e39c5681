using System.Globalization;
using System.Net;
using System.Text;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// Small inline SVG charts for <c>review.html</c>, drawn here rather than with a plotting library so the file needs
/// nothing beside it (no scripts, fonts or images fetched) and the same numbers always give the same markup.
/// Coordinates are rounded to one decimal with the invariant culture.
/// </summary>
internal static class SvgChart
{
    private const double Width = 720;
    private const double Height = 320;
    private const double Left = 90;
    private const double Right = 20;
    private const double Top = 30;
    private const double Bottom = 50;

    /// <summary>A bar pair per category: the actual value beside its target (no target bar when it has none).</summary>
    public static string GroupedBars(string id, string title, IReadOnlyList<(string Category, decimal Value, decimal? Target)> bars, string valueLabel, string targetLabel)
    {
        var svg = Start(id, title, Width, Height);
        var (min, max, step) = Scale(bars.SelectMany(b => new[] { b.Value, b.Target ?? 0m }).Append(0m));
        var plotHeight = Height - Top - Bottom;
        double Y(decimal v) => Top + ((double)(max - v) / (double)(max - min) * plotHeight);
        Axis(svg, min, max, step, Y);
        var slot = (Width - Left - Right) / Math.Max(1, bars.Count);
        var barWidth = Math.Min(40, slot / 3);
        for (var i = 0; i < bars.Count; i++)
        {
            var x = Left + (slot * i) + (slot / 2);
            var (category, value, target) = bars[i];
            Bar(svg, x - barWidth, Y(Math.Max(value, 0m)), barWidth, Math.Abs(Y(value) - Y(0m)), "actual", $"{category} {valueLabel}: {Money(value)}");
            if (target is { } t)
            {
                Bar(svg, x, Y(Math.Max(t, 0m)), barWidth, Math.Abs(Y(t) - Y(0m)), "target", $"{category} {targetLabel}: {Money(t)}");
            }

            Label(svg, x, Height - Bottom + 18, category, "middle");
        }

        Legend(svg, [("actual", valueLabel), ("target", targetLabel)]);
        return End(svg);
    }

    /// <summary>
    /// A waterfall: the first step is a starting total, the middle ones add or take away, the last is the resulting total
    /// (drawn from zero). Positive steps are "up", negative ones "down".
    /// </summary>
    public static string Waterfall(string id, string title, IReadOnlyList<(string Step, decimal Amount)> steps)
    {
        var svg = Start(id, title, Width, Height);
        var levels = new List<decimal> { 0m };
        var running = 0m;
        foreach (var (_, amount) in steps.Take(steps.Count - 1))
        {
            running += amount;
            levels.Add(running);
        }

        levels.Add(steps[^1].Amount);
        var (min, max, step) = Scale(levels);
        var plotHeight = Height - Top - Bottom;
        double Y(decimal v) => Top + ((double)(max - v) / (double)(max - min) * plotHeight);
        Axis(svg, min, max, step, Y);
        var slot = (Width - Left - Right) / steps.Count;
        var barWidth = slot * 0.6;
        running = 0m;
        for (var i = 0; i < steps.Count; i++)
        {
            var (name, amount) = steps[i];
            var last = i == steps.Count - 1;
            var from = last ? 0m : running;
            var to = last ? amount : running + amount;
            var css = i == 0 || last ? "total" : amount >= 0m ? "up" : "down";
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            Bar(svg, x, Y(Math.Max(from, to)), barWidth, Math.Max(0.5, Math.Abs(Y(from) - Y(to))), css, $"{name}: {Money(amount)}");
            Label(svg, x + (barWidth / 2), Y(Math.Max(from, to)) - 6, Money(amount), "middle");
            Label(svg, x + (barWidth / 2), Height - Bottom + 18, name, "middle");
            running = last ? running : to;
        }

        return End(svg);
    }

    /// <summary>Horizontal bars, longest first as given: one row per item, its label on the left and its value at the bar's end.</summary>
    public static string HorizontalBars(string id, string title, IReadOnlyList<(string Label, decimal Value)> rows)
    {
        const double rowHeight = 26;
        const double labelWidth = 300;
        var height = Top + 10 + (rows.Count * rowHeight);
        var svg = Start(id, title, Width, height);
        var max = rows.Count == 0 ? 1m : Math.Max(rows.Max(r => r.Value), 0.01m);
        var span = Width - labelWidth - Right - 90;
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value) = rows[i];
            var y = Top + 10 + (i * rowHeight);
            Label(svg, labelWidth - 8, y + 15, label.Length > 48 ? label[..47] + "…" : label, "end");
            var length = Math.Max(0.5, (double)(Math.Max(value, 0m) / max) * span);
            Bar(svg, labelWidth, y + 3, length, rowHeight - 8, "finding", $"{label}: {Money(value)}");
            Label(svg, labelWidth + length + 6, y + 15, Money(value), "start");
        }

        return End(svg);
    }

    public static string Money(decimal value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    private static StringBuilder Start(string id, string title, double width, double height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" aria-labelledby=\"{id}-title\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>\n");
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    /// <summary>Value axis with gridlines at every step, zero line emphasised.</summary>
    private static void Axis(StringBuilder svg, decimal min, decimal max, decimal step, Func<decimal, double> y)
    {
        for (var v = min; v <= max; v += step)
        {
            var css = v == 0m ? "zero" : "grid";
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{css}\" x1=\"{N(Left)}\" x2=\"{N(Width - Right)}\" y1=\"{N(y(v))}\" y2=\"{N(y(v))}\"/>\n");
            Label(svg, Left - 8, y(v) + 4, Money(v), "end");
        }
    }

    private static void Bar(StringBuilder svg, double x, double y, double width, double height, string css, string tooltip) =>
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\"><title>{Encode(tooltip)}</title></rect>\n");

    private static void Label(StringBuilder svg, double x, double y, string text, string anchor) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">{Encode(text)}</text>\n");

    private static void Legend(StringBuilder svg, IReadOnlyList<(string Css, string Label)> items)
    {
        var x = Left;
        foreach (var (css, label) in items)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" x=\"{N(x)}\" y=\"8\" width=\"12\" height=\"12\"/>\n");
            Label(svg, x + 18, 18, label, "start");
            x += 30 + (label.Length * 7);
        }
    }

    /// <summary>An axis from a round number at or below the smallest value (and zero) to one at or above the largest, in 1-2-5 steps.</summary>
    private static (decimal Min, decimal Max, decimal Step) Scale(IEnumerable<decimal> values)
    {
        var list = values.Append(0m).ToList();
        var low = list.Min();
        var high = list.Max();
        if (low == high)
        {
            high = low + 1m;
        }

        var rough = (high - low) / 5m;
        var magnitude = 1m;
        while (magnitude * 10m <= rough)
        {
            magnitude *= 10m;
        }

        while (magnitude > rough && magnitude > 0.01m)
        {
            magnitude /= 10m;
        }

        var step = rough <= magnitude ? magnitude : rough <= 2m * magnitude ? 2m * magnitude : rough <= 5m * magnitude ? 5m * magnitude : 10m * magnitude;
        return (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    private static string N(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
