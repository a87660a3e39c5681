using DocumentFormat.OpenXml.Spreadsheet;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// The workbook's cell formats, by their index in <see cref="Stylesheet"/>'s cellXfs. Number formats are Excel's built-in
/// ones (ids 3, 4, 10), which every spreadsheet program knows without a custom format table.
/// </summary>
internal enum WorkbookStyle : uint
{
    Text = 0,
    Header = 1,
    Integer = 2,
    Money = 3,
    Percent = 4,
}

/// <summary>Builds the stylesheet behind <see cref="WorkbookStyle"/>.</summary>
internal static class WorkbookStyles
{
    /// <summary>Excel's built-in number formats: <c>#,##0</c>, <c>#,##0.00</c>, <c>0.00%</c>.</summary>
    private const uint IntegerFormat = 3;
    private const uint MoneyFormat = 4;
    private const uint PercentFormat = 10;

    public static Stylesheet Create() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },

        // Excel requires the first two fills to be none and gray125, whatever the cells use.
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat { NumberFormatId = IntegerFormat, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = MoneyFormat, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = PercentFormat, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 5 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
