using System.Text.Json;
using System.Text.Json.Nodes;

namespace MhSupply.Gateway.Fhir.Writes;

/// <summary>
/// JSON Patch (RFC 6902) applied to a resource's JSON: add, remove, replace, move, copy and test, with JSON Pointer
/// paths (RFC 6901). FHIR allows it on any resource; ours patch a Task rendered as we serve it, and what comes out is
/// read back as a Task, so the patch can only say what a Task can say. An operation that cannot apply fails the whole
/// patch (RFC 6902 §5), with why.
/// </summary>
public static class JsonPatch
{
    /// <summary>The patched document, or the reason the patch does not apply.</summary>
    public static (JsonNode? Patched, string? Error) Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            return (null, "a JSON Patch is an array of operations");
        }
        var root = document.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation || Text(operation, "op") is not { } op || Text(operation, "path") is not { } path)
            {
                return (null, $"operation {i} needs \"op\" and \"path\"");
            }
            var error = op switch
            {
                "add" => Add(ref root, path, Value(operation)),
                "remove" => Remove(root, path, out _),
                "replace" => Remove(root, path, out _) ?? Add(ref root, path, Value(operation)),
                "move" when Text(operation, "from") is { } from => Remove(root, from, out var moved) ?? Add(ref root, path, moved),
                "copy" when Text(operation, "from") is { } from => Find(root, from, out var copied) ?? Add(ref root, path, copied?.DeepClone()),
                "test" => Find(root, path, out var actual) ?? (JsonNode.DeepEquals(actual, Value(operation)) ? null : $"the value at {path} is not the one tested"),
                "move" or "copy" => $"\"{op}\" needs \"from\"",
                _ => $"\"{op}\" is not a JSON Patch operation",
            };
            if (error is not null)
            {
                return (null, $"operation {i} ({op} {path}): {error}");
            }
        }
        return (root, null);
    }

    private static string? Text(JsonObject operation, string name) =>
        operation[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonNode? Value(JsonObject operation) => operation["value"]?.DeepClone();

    private static string? Add(ref JsonNode root, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            if (value is null)
            {
                return "the document cannot be replaced by null";
            }
            root = value;
            return null;
        }
        if (Parent(root, path, out var parent, out var key) is { } error)
        {
            return error;
        }
        switch (parent)
        {
            case JsonObject obj:
                obj[key] = value;
                return null;
            case JsonArray array when key == "-":
                array.Add(value);
                return null;
            case JsonArray array when Index(key, array.Count + 1) is { } index:
                array.Insert(index, value);
                return null;
            default:
                return $"no place \"{key}\" to add to";
        }
    }

    private static string? Remove(JsonNode root, string path, out JsonNode? removed)
    {
        removed = null;
        if (Parent(root, path, out var parent, out var key) is { } error)
        {
            return error;
        }
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(key):
                removed = obj[key];
                obj.Remove(key);
                return null;
            case JsonArray array when Index(key, array.Count) is { } index:
                removed = array[index];
                array.RemoveAt(index);
                return null;
            default:
                return "nothing there";
        }
    }

    private static string? Find(JsonNode root, string path, out JsonNode? found)
    {
        found = root;
        if (Keys(path) is not { } keys)
        {
            return "not a JSON Pointer";
        }
        foreach (var key in keys)
        {
            found = found switch
            {
                JsonObject obj when obj.TryGetPropertyValue(key, out var child) => child,
                JsonArray array when Index(key, array.Count) is { } index => array[index],
                _ => null,
            };
            if (found is null)
            {
                return "nothing there";
            }
        }
        return null;
    }

    private static string? Parent(JsonNode root, string path, out JsonNode? parent, out string key)
    {
        var keys = Keys(path);
        parent = null;
        key = "";
        if (keys is null || keys.Count == 0)
        {
            return "not a JSON Pointer";
        }
        key = keys[^1];
        var parentPath = path[..path.LastIndexOf('/')];
        return Find(root, parentPath, out parent);
    }

    /// <summary>A pointer's reference tokens, ~1 and ~0 unescaped; null when it does not start with '/' (nor is empty).</summary>
    private static List<string>? Keys(string path) => path.Length == 0
        ? []
        : path[0] != '/' ? null : [.. path[1..].Split('/').Select(k => k.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static int? Index(string key, int limit) =>
        key.Length > 0 && key.All(char.IsAsciiDigit) && (key.Length == 1 || key[0] != '0') && int.TryParse(key, out var index) && index < limit ? index : null;
}
