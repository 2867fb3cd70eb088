using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Forms;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

public sealed class FormCatalogTests
{
    private static WorkflowDefinition Version(int version, string phoneField) => new()
    {
        Key = "grid-event",
        Name = "网格事件闭环",
        Version = version,
        ContentHash = $"hash-v{version}",
        Forms = new Dictionary<string, JsonElement>
        {
            ["report"] = Json($$"""{"key": "report", "title": "上报", "fields": [{"key": "title", "kind": "text", "required": true}, {{phoneField}}]}"""),
        },
    };

    [Fact]
    public void GetForVersion_TaskUnderV1AfterV2Exists_ValidatesWithV1()
    {
        var catalog = new FormCatalog(Host);
        WorkflowDefinition[] versions =
        [
            Version(1, """{"key": "phone", "kind": "text"}"""),
            Version(2, """{"key": "phone", "kind": "mobile", "required": true}, {"key": "photos", "kind": "photo", "required": true}"""),
        ];
        var v2 = catalog.GetForVersion(versions, 2, "report");
        var submission = Json("""{"title": "井盖缺失", "phone": "请打座机"}""");

        var underV1 = FormValidator.Validate(catalog.GetForVersion(versions, 1, "report"), submission, Context());
        var underV2 = FormValidator.Validate(v2, submission, Context());

        Assert.True(underV1.IsValid, string.Join(";", underV1.Errors));
        Assert.Equal("phone:mobile.format,photos:field.required", ErrorKeys(underV2));
    }

    [Fact]
    public void Get_SameVersionTwice_CompilesOnce()
    {
        var catalog = new FormCatalog(Host);
        var v1 = Version(1, """{"key": "phone", "kind": "text"}""");

        Assert.Same(catalog.Get(v1, "report"), catalog.Get(v1, "report"));
        Assert.Same(catalog.Get(v1, "report"), catalog.Get(v1 with { }, "report"));
        Assert.Equal(1, catalog.CachedCount);
    }

    [Fact]
    public void Get_EditedDraft_RecompilesAndKeepsOnlyLatest()
    {
        var catalog = new FormCatalog(Host);
        var draft1 = Version(0, """{"key": "phone", "kind": "text"}""") with { ContentHash = null };
        var draft2 = Version(0, """{"key": "phone", "kind": "mobile"}""") with { ContentHash = null };

        var first = catalog.Get(draft1, "report");
        var second = catalog.Get(draft2, "report");

        Assert.NotSame(first, second);
        Assert.Same(second, catalog.Get(draft2, "report"));
        Assert.Equal(1, catalog.CachedCount);
    }

    [Fact]
    public void Get_MissingFormOrVersion_Throws()
    {
        var catalog = new FormCatalog(Host);
        var v1 = Version(1, """{"key": "phone", "kind": "text"}""");

        Assert.Throws<KeyNotFoundException>(() => catalog.Get(v1, "visit"));
        Assert.Throws<KeyNotFoundException>(() => catalog.GetForVersion([v1], 3, "report"));
    }

    [Fact]
    public void Get_InvalidForm_ThrowsDefinitionException()
    {
        var catalog = new FormCatalog(Host);
        var bad = Version(1, """{"key": "phone", "kind": "phone"}""");

        var ex = Assert.Throws<FormDefinitionException>(() => catalog.Get(bad, "report"));
        Assert.Equal("phone", Assert.Single(ex.Problems).Field);
    }
}
