namespace MhSupply;

/// <summary>The wire spelling of an enum member whose API name is not the snake_case of its C# name.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class WireNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
