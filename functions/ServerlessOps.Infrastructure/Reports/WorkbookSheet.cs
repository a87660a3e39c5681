using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// One worksheet being written: a bold header row frozen in place, explicit column widths (nothing measures text on a
/// server: ClosedXML's AdjustToContents needs GDI+), and cells typed as what they are: numbers as numbers with their
/// number format, text as inline strings (no shared-string table to keep in step), booleans as booleans.
/// </summary>
internal sealed class WorkbookSheet
{
    private readonly SheetData _data = new();
    private readonly IReadOnlyList<(string Header, double Width)> _columns;
    private Row? _row;
    private int _column;

    public WorkbookSheet(string name, IReadOnlyList<(string Header, double Width)> columns)
    {
        Name = name;
        _columns = columns;
        NextRow();
        foreach (var (header, _) in columns)
        {
            Text(header, WorkbookStyle.Header);
        }
    }

    /// <summary>The sheet's tab name (at most 31 characters, none of <c>[]:*?/\</c>).</summary>
    public string Name { get; }

    public int Rows { get; private set; }

    public WorkbookSheet NextRow()
    {
        Rows++;
        _row = new Row { RowIndex = (uint)Rows };
        _data.Append(_row);
        _column = 0;
        return this;
    }

    public WorkbookSheet Text(string? value, WorkbookStyle style = WorkbookStyle.Text) =>
        value is null ? Empty() : Add(new Cell(new InlineString(new Text(value) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString }, style);

    public WorkbookSheet Number(decimal? value, WorkbookStyle style) =>
        value is { } number ? Add(new Cell(new CellValue(number.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number }, style) : Empty();

    public WorkbookSheet Number(int value) => Number(value, WorkbookStyle.Integer);

    public WorkbookSheet Boolean(bool value) => Add(new Cell(new CellValue(value ? "1" : "0")) { DataType = CellValues.Boolean }, WorkbookStyle.Text);

    public WorkbookSheet Empty()
    {
        _column++;
        return this;
    }

    /// <summary>The worksheet: views (header frozen), column widths, then the data, in the order the schema requires.</summary>
    public Worksheet ToWorksheet()
    {
        var frozen = new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new DocumentFormat.OpenXml.ListValue<DocumentFormat.OpenXml.StringValue>(["A2"]) })
        { WorkbookViewId = 0, TabSelected = false };
        var columns = new Columns();
        for (var i = 0; i < _columns.Count; i++)
        {
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = _columns[i].Width, CustomWidth = true });
        }

        return new Worksheet(new SheetViews(frozen), new SheetFormatProperties { DefaultRowHeight = 15 }, columns, _data);
    }

    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private WorkbookSheet Add(Cell cell, WorkbookStyle style)
    {
        cell.CellReference = ColumnName(_column) + Rows.ToString(CultureInfo.InvariantCulture);
        if (style != WorkbookStyle.Text)
        {
            cell.StyleIndex = (uint)style;
        }

        _row!.Append(cell);
        _column++;
        return this;
    }
}
