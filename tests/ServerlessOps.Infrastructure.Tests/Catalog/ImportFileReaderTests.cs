using System.Text;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Infrastructure.Catalog.Import;

namespace ServerlessOps.Infrastructure.Tests.Catalog;

public sealed class ImportFileReaderTests
{
    private static readonly string[] Fields = ["sku", "title", "listPrice"];

    private static ImportFile Csv(string text) => ImportFileReader.Read(Encoding.UTF8.GetBytes(text), ImportFormat.Csv, Fields);

    private static ImportFile JsonLines(string text) => ImportFileReader.Read(Encoding.UTF8.GetBytes(text), ImportFormat.JsonLines, Fields);

    [Fact]
    public void Csv_QuotedValueOverTwoLines_KeepsEveryRowOnItsPhysicalLine()
    {
        var file = Csv("sku,title,listPrice\nA,\"Tee, \"\"black\"\"\nwith a line break\",24.00\n\nB,Mug,9.5\n");

        Assert.Empty(file.Errors);
        Assert.Equal([2, 5], file.Rows.Select(r => r.Line));
        Assert.Equal("Tee, \"black\"\nwith a line break", file.Rows[0]["title"]);
        Assert.Equal("9.5", file.Rows[1]["LISTPRICE"]);
        Assert.Equal("listPrice (column 3)", file.Rows[1].Error("listPrice", "x").Column);
    }

    [Fact]
    public void Csv_UnknownColumnAndShortRow_AreErrorsWithLineAndColumn()
    {
        var file = Csv("sku,titel,listPrice\nA,Tee,1\nB,Mug\n");

        Assert.Contains(file.Errors, e => e is { Line: 1, Column: "titel (column 2)" });
        Assert.Contains(file.Errors, e => e.Line == 3 && e.Message.Contains("number of values", StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_ByteOrderMark_IsNotPartOfTheFirstColumnName()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("sku,title\nA,Tee\n")).ToArray();

        var file = ImportFileReader.Read(body, ImportFormat.Csv, Fields);

        Assert.Empty(file.Errors);
        Assert.Equal("A", Assert.Single(file.Rows)["sku"]);
    }

    [Fact]
    public void Csv_NotUtf8_IsRejectedAtTheLineOfTheBadByte()
    {
        var body = Encoding.UTF8.GetBytes("sku,title\nA,Tee\nB,").Concat(new byte[] { 0xE9, 0x0A }).ToArray();

        var error = Assert.Single(ImportFileReader.Read(body, ImportFormat.Csv, Fields).Errors);

        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData(ImportFormat.Csv, "sku,title\nA,Tee\n", 3)]
    [InlineData(ImportFormat.JsonLines, "{\"sku\":\"A\"}\n", 2)]
    public void ByteOrderMarkThenNotUtf8_IsRejectedAtTheLineOfTheBadByte(ImportFormat format, string before, int line)
    {
        // Excel's "CSV UTF-8" starts with a byte-order mark; a row pasted in from a Latin-1 file then follows it.
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(before)).Concat(new byte[] { 0xE9, 0x0A }).ToArray();

        var error = Assert.Single(ImportFileReader.Read(body, format, Fields).Errors);

        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void JsonLines_NumbersKeptAsWrittenAndMembersLocatedByPath()
    {
        var file = JsonLines("{\"sku\":\"A\",\"listPrice\":24.10}\r\n\r\n{\"sku\":\"B\",\"title\":null}\n");

        Assert.Empty(file.Errors);
        Assert.Equal([1, 3], file.Rows.Select(r => r.Line));
        Assert.Equal("24.10", file.Rows[0]["listPrice"]);
        Assert.Null(file.Rows[1]["title"]);
        Assert.Equal("$.listPrice", file.Rows[0].Error("listPrice", "x").Column);
    }

    [Fact]
    public void JsonLines_BrokenJsonNestedValueAndUnknownMember_EachAnErrorOnItsLine()
    {
        var file = JsonLines("{\"sku\":\"A\"\n{\"sku\":{\"x\":1}}\n{\"sku\":\"C\",\"colour\":\"red\"}\n[1]\n");

        Assert.Equal([(1, null), (2, "$.sku"), (3, "$.colour"), (4, "$")], file.Errors.Select(e => (e.Line, e.Column)));
        Assert.Empty(file.Rows);
    }
}
