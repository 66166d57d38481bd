using System.Text.RegularExpressions;
using MhSupply.Gateway.Errors;
using MhSupply.Messages;
using MhSupply.Places;

namespace MhSupply.Gateway.Places;

/// <summary>A district or region as an admin names it (PUT /places/{id}), and the one place its rules are checked.</summary>
public sealed partial record PlaceBody(string? Level, string? Name, Dictionary<string, string?>? Names)
{
    public const int MaxName = 200;

    public static ValidationErrors Validate(string id, PlaceBody? body)
    {
        var errors = new ValidationErrors();
        errors.Require(Ids.IsValid(id), "id", () => RequestMessages.Of("request.id_invalid", ("field", "id"), ("value", id)));
        errors.Require(body is not null, "body", RequestMessages.Of("request.body_required"));
        if (body is null)
        {
            return errors;
        }
        errors.Require(body.Level is not null && PlaceLevels.All.Contains(body.Level), "level",
            () => RequestMessages.Of("request.one_of", ("value", body.Level ?? ""), ("field", "level"), ("allowed", string.Join(", ", PlaceLevels.All))));
        CheckName(errors, "name", body.Name, required: true);
        foreach (var (language, name) in body.Names ?? [])
        {
            errors.Require(Language().IsMatch(language), $"names.{language}",
                () => RequestMessages.Of("request.one_of", ("value", language), ("field", "names"), ("allowed", "a language code such as fr or ar")));
            CheckName(errors, $"names.{language}", name, required: true);
        }
        return errors;
    }

    private static void CheckName(ValidationErrors errors, string field, string? name, bool required)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Require(!required, field, RequestMessages.Of("request.required", ("field", field)));
            return;
        }
        errors.Require(name.Trim().Length <= MaxName, field, () => RequestMessages.Of("request.too_long", ("field", field), ("max", MaxName)));
    }

    /// <summary>The record to write, once <see cref="Validate"/> found nothing wrong.</summary>
    public PlaceRecord ToRecord(string id) =>
        new(id, Level!, Name!.Trim(), (Names ?? []).ToDictionary(n => n.Key, n => n.Value!.Trim(), StringComparer.Ordinal));

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex Language();
}
