using MhSupply.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Errors;

/// <summary>Collects field → messages for a 400 validation problem (RFC 9457 with an <c>errors</c> map).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Field → the message codes and parameters of its messages, for those added as <see cref="UserMessage"/>s.</summary>
    private readonly Dictionary<string, List<object>> _codes = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    /// <summary>
    /// A message written for the user, with its code and parameters: the 400's <c>errors</c> map holds its text, and a
    /// <c>codes</c> map (field → [{ code, params }]) lets the web app show it in the user's language (<c>error.{code}</c>).
    /// </summary>
    public void Add(string field, UserMessage message)
    {
        Add(field, message.Text);
        if (!_codes.TryGetValue(field, out var list))
        {
            _codes[field] = list = [];
        }
        list.Add(new { code = message.Code, @params = message.Params });
    }

    public void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }
    }

    /// <summary>Adds <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public void Require(bool condition, string field, UserMessage message)
    {
        if (!condition)
        {
            Add(field, message);
        }
    }

    /// <summary>Adds the message built only when <paramref name="condition"/> fails (it may name what was given).</summary>
    public void Require(bool condition, string field, Func<UserMessage> message)
    {
        if (!condition)
        {
            Add(field, message());
        }
    }

    public void AddAll(IEnumerable<KeyValuePair<string, string[]>> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Field → [{ code, params }] of the messages added with a code.</summary>
    public Dictionary<string, object> Codes() => _codes.ToDictionary(c => c.Key, c => (object)c.Value.ToArray(), StringComparer.Ordinal);

    public ValidationProblem ToResult() => _codes.Count == 0
        ? TypedResults.ValidationProblem(ToDictionary(), title: "One or more fields are invalid.")
        : TypedResults.ValidationProblem(ToDictionary(), title: "One or more fields are invalid.",
            extensions: new Dictionary<string, object?> { ["codes"] = Codes() });

    /// <summary>The 400 of a single field, as the checks that stop at the first problem answer it.</summary>
    public static ValidationProblem For(string field, UserMessage message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors.ToResult();
    }

    /// <summary>The 400 of a single field, as the checks that stop at the first problem answer it.</summary>
    public static ValidationProblem For(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors.ToResult();
    }
}
