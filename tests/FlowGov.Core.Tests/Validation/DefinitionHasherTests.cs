using FlowGov.Core.Definitions;

namespace FlowGov.Core.Tests.Validation;

public sealed class DefinitionHasherTests
{
    private const string Compact = """{"key":"a","name":"事件","variables":[{"name":"n","type":"number","default":1}],"activities":[{"id":"s","type":"Start"},{"id":"w","type":"Delay","properties":{"duration":"P1D","x":{"b":1,"a":[1,2]}}}],"connections":[{"from":"s","to":"w"}]}""";

    private const string Reformatted = """
        {
          "connections": [ { "to": "w", "from": "s", "port": "done" } ],
          "activities": [
            { "type": "Start", "id": "s" },
            { "id": "w", "properties": { "x": { "a": [1, 2.0], "b": 1e0 }, "duration": "P1D" }, "type": "Delay" }
          ],
          "version": 7,
          "contentHash": "stale",
          "name": "\u4e8b\u4ef6",
          "variables": [ { "default": 1, "type": "number", "name": "n" } ],
          "key": "a"
        }
        """;

    [Fact]
    public void Hash_SameContentDifferentFormattingAndKeyOrder_IsEqual()
    {
        Assert.Equal(DefinitionHasher.Hash(DefinitionJson.Parse(Compact)), DefinitionHasher.Hash(DefinitionJson.Parse(Reformatted)));
    }

    [Fact]
    public void Hash_VersionAndContentHash_AreExcluded()
    {
        var d = DefinitionJson.Parse(Compact);

        Assert.Equal(DefinitionHasher.Hash(d), DefinitionHasher.Hash(d with { Version = 3, ContentHash = "abc" }));
    }

    [Theory]
    [InlineData("\"P1D\"", "\"P2D\"")]
    [InlineData("\"name\":\"事件\"", "\"name\":\"事件 \"")]
    [InlineData("[1,2]", "[2,1]")]
    [InlineData("\"to\":\"w\"}]", "\"to\":\"w\",\"port\":\"other\"}]")]
    public void Hash_ContentChange_ChangesHash(string from, string to)
    {
        Assert.Contains(from, Compact, StringComparison.Ordinal);
        Assert.NotEqual(DefinitionHasher.Hash(DefinitionJson.Parse(Compact)), DefinitionHasher.Hash(DefinitionJson.Parse(Compact.Replace(from, to, StringComparison.Ordinal))));
    }

    [Fact]
    public void Hash_IsLowerHexSha256()
    {
        Assert.Matches("^[0-9a-f]{64}$", DefinitionHasher.Hash(DefinitionJson.Parse(Compact)));
    }

    [Fact]
    public void CanonicalJson_SortsKeysAndDropsVersion()
    {
        var canonical = DefinitionHasher.CanonicalJson(DefinitionJson.Parse(Reformatted));

        Assert.StartsWith("""{"activities":[{"id":"s","properties":{},"type":"Start"}""", canonical, StringComparison.Ordinal);
        Assert.DoesNotContain("version", canonical, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", canonical.Replace("事件", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
