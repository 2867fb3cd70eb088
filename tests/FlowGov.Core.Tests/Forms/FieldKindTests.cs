using System.Text.Json;
using FlowGov.Core.Forms;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

public sealed class FieldKindTests
{
    private const string Hash1 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private const string Hash2 = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    public static TheoryData<string, string, string?> ValidValues => new()
    {
        // kind/extra properties, sent value, canonical clean value (null: same as sent)
        { """ "kind": "text" """, "\"路面破损\"", null },
        { """ "kind": "text" """, "12", "\"12\"" },
        { """ "kind": "textarea" """, "\"第一行\\n第二行\"", null },
        { """ "kind": "number" """, "3.14", null },
        { """ "kind": "number" """, "\"-2.5\"", "-2.5" },
        { """ "kind": "integer" """, "42", null },
        { """ "kind": "integer" """, "\"7\"", "7" },
        { """ "kind": "integer" """, "7.0", "7" },
        { """ "kind": "money" """, "1234.56", null },
        { """ "kind": "money" """, "\"99.9\"", "99.9" },
        { """ "kind": "date" """, "\"2024-02-29\"", null },
        { """ "kind": "datetime" """, "\"2024-05-01T09:30:00+08:00\"", null },
        { """ "kind": "datetime" """, "\"2024-05-01T09:30\"", "\"2024-05-01T09:30:00+08:00\"" },
        { """ "kind": "datetime" """, "\"2024-05-01T01:30:00Z\"", "\"2024-05-01T01:30:00+00:00\"" },
        { """ "kind": "select", "options": [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}] """, "\"b\"", null },
        { """ "kind": "radio", "options": ["yes", "no"] """, "\"no\"", null },
        { """ "kind": "checkboxes", "options": ["a", "b", "c"] """, "[\"a\", \"c\"]", null },
        { """ "kind": "multiselect", "options": ["a", "b", "c"] """, "[\"b\"]", null },
        { """ "kind": "boolean" """, "false", null },
        { """ "kind": "boolean" """, "\"true\"", "true" },
        { """ "kind": "mobile" """, "\"13812345678\"", null },
        { """ "kind": "mobile" """, "\" 19912345678 \"", "\"19912345678\"" },
        { """ "kind": "idcard" """, "\"11010519491231002X\"", null },
        { """ "kind": "idcard" """, "\"11010519491231002x\"", "\"11010519491231002X\"" },
        { """ "kind": "idcard" """, "\"110101200002290018\"", null },
        { """ "kind": "email" """, "\"zhang.san@example.gov.cn\"", null },
        { """ "kind": "rating" """, "5", null },
        { """ "kind": "rating" """, "1", null },
        { """ "kind": "photo" """, $"[\"{Hash1}\"]", null },
        { """ "kind": "file" """, $"[\"{Hash1.ToUpperInvariant()}\", \"{Hash2}\"]", $"[\"{Hash1}\", \"{Hash2}\"]" },
        { """ "kind": "location" """, """{"lat": 31.23, "lng": 121.47, "address": "上海市黄浦区"}""", null },
        { """ "kind": "location" """, """{"lat": 31.23, "lng": 121.47, "accuracy": 5}""", """{"lat": 31.23, "lng": 121.47}""" },
        { """ "kind": "person" """, "\"u-1024\"", null },
        { """ "kind": "orgunit" """, "\"grid-07\"", null },
        { """ "kind": "category" """, "\"C0101\"", null },
    };

    public static TheoryData<string, string, string> InvalidValues => new()
    {
        // kind/extra properties, sent value, error key
        { """ "kind": "text" """, "true", "type.text" },
        { """ "kind": "textarea" """, "{}", "type.text" },
        { """ "kind": "number" """, "\"abc\"", "type.number" },
        { """ "kind": "number" """, "1e400", "type.number" },
        { """ "kind": "integer" """, "1.5", "type.integer" },
        { """ "kind": "money" """, "1.005", "money.decimals" },
        { """ "kind": "money" """, "\"十元\"", "type.money" },
        { """ "kind": "date" """, "\"2023-02-29\"", "type.date" },
        { """ "kind": "date" """, "\"2024/05/01\"", "type.date" },
        { """ "kind": "datetime" """, "\"tomorrow\"", "type.datetime" },
        { """ "kind": "select", "options": ["a", "b"] """, "\"z\"", "option.invalid" },
        { """ "kind": "radio", "options": ["a", "b"] """, "true", "option.invalid" },
        { """ "kind": "checkboxes", "options": ["a", "b"] """, "\"a\"", "type.list" },
        { """ "kind": "checkboxes", "options": ["a", "b"] """, "[\"a\", \"a\"]", "option.duplicate" },
        { """ "kind": "multiselect", "options": ["a", "b"] """, "[\"a\", \"x\"]", "option.invalid" },
        { """ "kind": "boolean" """, "\"yes\"", "type.boolean" },
        { """ "kind": "mobile" """, "\"12812345678\"", "mobile.format" },
        { """ "kind": "mobile" """, "\"1381234567\"", "mobile.format" },
        { """ "kind": "mobile" """, "13812345678", "mobile.format" },
        { """ "kind": "idcard" """, "\"110105194912310021\"", "idcard.checksum" },
        { """ "kind": "idcard" """, "\"110105194913310029\"", "idcard.birthdate" },
        { """ "kind": "idcard" """, "\"110105203012310029\"", "idcard.birthdate" },
        { """ "kind": "idcard" """, "\"11010519491231002\"", "idcard.format" },
        { """ "kind": "idcard" """, "\"1101051949123100AX\"", "idcard.format" },
        { """ "kind": "email" """, "\"zhang@\"", "email.format" },
        { """ "kind": "rating" """, "6", "rating.range" },
        { """ "kind": "rating" """, "0", "rating.range" },
        { """ "kind": "rating" """, "4.5", "rating.range" },
        { """ "kind": "photo" """, "[\"not-a-hash\"]", "attachment.id" },
        { """ "kind": "photo" """, $"\"{Hash1}\"", "type.list" },
        { """ "kind": "file", "maxCount": 1 """, $"[\"{Hash1}\", \"{Hash2}\"]", "count.max" },
        { """ "kind": "location" """, """{"lat": 91, "lng": 121}""", "location.lat" },
        { """ "kind": "location" """, """{"lat": 31, "lng": -181}""", "location.lng" },
        { """ "kind": "location" """, """{"address": "某处"}""", "location.format" },
        { """ "kind": "person" """, "\"has space\"", "person.format" },
        { """ "kind": "orgunit" """, "7", "orgunit.format" },
        { """ "kind": "category" """, "[]", "field.required" },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void Validate_ValidValue_ReturnsCanonicalValue(string field, string value, string? canonical)
    {
        var form = Fields($$"""{"key": "f", "label": "字段", {{field}} }""");

        var result = Validate(form, $$"""{"f": {{value}} }""");

        Assert.True(result.IsValid, ErrorKeys(result));
        Assert.True(SameJson(result.Values!.Value.GetProperty("f"), canonical ?? value), result.Values.Value.GetRawText());
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Validate_InvalidValue_ReturnsKindError(string field, string value, string key)
    {
        var form = Fields($$"""{"key": "f", "label": "字段", "required": true, {{field}} }""");

        var result = Validate(form, $$"""{"f": {{value}} }""");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("f", error.Path);
        Assert.Equal(key, error.Key);
        Assert.Contains("字段", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(error.Message, error.MessageEn);
    }

    [Theory]
    [InlineData("text", "\"\"")]
    [InlineData("text", "\"   \"")]
    [InlineData("text", "\"\u3000\"")]
    [InlineData("text", "\"\\u3000\\n\"")]
    [InlineData("number", "null")]
    [InlineData("photo", "[]")]
    [InlineData("location", "null")]
    public void Validate_EmptyRequiredValue_ReturnsRequired(string kind, string value)
    {
        var form = Fields($$"""{"key": "f", "label": "字段", "kind": "{{kind}}", "required": true}""");

        var result = Validate(form, $$"""{"f": {{value}} }""");

        Assert.Equal("f:field.required", ErrorKeys(result));
        Assert.Equal("请填写「字段」", result.Errors[0].Message);
        Assert.Equal("'字段' is required", result.Errors[0].MessageEn);
    }

    [Fact]
    public void Validate_EmptyOptionalValue_IsOmittedFromCleanValues()
    {
        var form = Fields("""{"key": "f", "kind": "text"}, {"key": "g", "kind": "checkboxes", "options": ["a"]}""");

        var result = Validate(form, """{"f": "", "g": []}""");

        Assert.True(SameJson(result.Values!.Value, "{}"));
    }

    [Fact]
    public void Validate_InfoField_HasNoValueAndRejectsOne()
    {
        var form = Fields("""{"key": "note", "kind": "info", "text": "请如实填写"}, {"key": "f", "kind": "text"}""");

        Assert.True(SameJson(Validate(form, """{"f": "x"}""").Values!.Value, """{"f": "x"}"""));
        Assert.Equal("note:field.noValue", ErrorKeys(Validate(form, """{"note": "x"}""")));
    }

    [Fact]
    public void Validate_IdCardBornAfterToday_ReturnsBirthdate()
    {
        // FormKit.Now is 2026-11-22: a birth date of 2026-11-23 lies in the future.
        var form = Fields("""{"key": "f", "kind": "idcard"}""");
        var id = WithCheckDigit("11010520261123001");

        Assert.Equal("f:idcard.birthdate", ErrorKeys(Validate(form, $$"""{"f": "{{id}}"}""")));
        Assert.True(Validate(form, $$"""{"f": "{{WithCheckDigit("11010520261122001")}}"}""").IsValid);
    }

    [Fact]
    public void Validate_CategoryAgainstTaxonomy_AcceptsItemsOnly()
    {
        var taxonomy = CategoryTaxonomy.Parse(Json("""
            [{"code": "D01", "name": "城市管理", "children": [
                {"code": "C01", "name": "市容环境", "children": [
                    {"code": "S0101", "name": "道路", "children": [
                        {"code": "I010101", "name": "路面破损"}, {"code": "I010102", "name": "井盖缺失"}]}]}]},
             {"code": "D02", "name": "平安建设", "children": [
                {"code": "C02", "name": "治安", "children": [
                    {"code": "S0201", "name": "纠纷", "children": [{"code": "I020101", "name": "邻里纠纷"}]}]}]}]
            """));
        var form = Fields("""{"key": "c", "label": "事项", "kind": "category", "taxonomyRoot": "D01"}""");
        var context = Context(taxonomy: taxonomy);

        Assert.True(Validate(form, """{"c": "I010102"}""", context).IsValid);
        Assert.Equal("c:category.notItem", ErrorKeys(Validate(form, """{"c": "S0101"}""", context)));
        Assert.Equal("c:category.unknown", ErrorKeys(Validate(form, """{"c": "I999"}""", context)));
        Assert.Equal("c:category.outsideRoot", ErrorKeys(Validate(form, """{"c": "I020101"}""", context)));
        Assert.Equal(["D01", "C01", "S0101", "I010101"], taxonomy.Find("I010101")!.Path);
    }

    [Fact]
    public void Validate_PersonAndOrgUnitAgainstDirectory_RejectsStrangers()
    {
        var form = Fields("""{"key": "p", "kind": "person"}, {"key": "o", "kind": "orgunit"}""");
        var context = Context(directory: new Directory(["u-1"], ["grid-07"]));

        Assert.True(Validate(form, """{"p": "u-1", "o": "grid-07"}""", context).IsValid);
        Assert.Equal("p:person.unknown,o:orgunit.unknown", ErrorKeys(Validate(form, """{"p": "u-2", "o": "grid-08"}""", context)));
    }

    [Fact]
    public void Validate_AttachmentsAgainstUploads_ChecksExistenceSizeAndType()
    {
        var form = Fields("""{"key": "photos", "label": "现场照片", "kind": "photo", "maxSizeBytes": 1000}""");
        var uploads = new Dictionary<string, FlowGov.Core.Forms.Attachments.AttachmentRecord>
        {
            [Hash1] = new() { Hash = Hash1, Size = 500, ContentType = "image/jpeg", FileName = "a.jpg" },
            [Hash2] = new() { Hash = Hash2, Size = 5000, ContentType = "image/png", FileName = "b.png" },
        };
        var pdf = new string('a', 64);
        uploads[pdf] = new() { Hash = pdf, Size = 10, ContentType = "application/pdf", FileName = "c.pdf" };
        var context = Context(attachments: uploads);

        Assert.True(Validate(form, $$"""{"photos": ["{{Hash1}}"]}""", context).IsValid);
        Assert.Equal("photos:attachment.tooLarge", ErrorKeys(Validate(form, $$"""{"photos": ["{{Hash2}}"]}""", context)));
        Assert.Equal("photos:attachment.type", ErrorKeys(Validate(form, $$"""{"photos": ["{{pdf}}"]}""", context)));
        Assert.Equal("photos:attachment.unknown", ErrorKeys(Validate(form, $$"""{"photos": ["{{new string('b', 64)}}"]}""", context)));
    }

    [Fact]
    public void Validate_PhotoDefaults_AllowNinePhotos()
    {
        var form = Fields("""{"key": "photos", "kind": "photo"}""");
        var ten = string.Join(",", Enumerable.Range(0, 10).Select(i => $"\"{new string("0123456789"[i], 64)}\""));

        Assert.Equal("photos:count.max", ErrorKeys(Validate(form, $$"""{"photos": [{{ten}}]}""")));
    }

    internal static string WithCheckDigit(string first17)
    {
        int[] w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * w[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    private sealed class Directory(string[] users, string[] units) : IFormDirectory
    {
        public bool IsUser(string userId) => users.Contains(userId);

        public bool IsOrgUnit(string orgUnitId) => units.Contains(orgUnitId);
    }
}
