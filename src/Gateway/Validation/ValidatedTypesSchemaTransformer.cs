using MhSupply.Gateway.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// Keeps the OpenAPI document's types where our converters and <see cref="Paging"/> stand in for the framework's: the
/// schema exporter cannot see through a custom converter (it leaves string and DateTimeOffset untyped), and paging is
/// bound as text so that its range is our 400. The document says what clients send, as before, plus paging's bounds.
/// </summary>
internal sealed class ValidatedTypesSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var nullable = context.JsonPropertyInfo is { } property && (property.IsGetNullable || property.IsSetNullable);
        if (context.ParameterDescription?.Name is "page" or "pageSize" && type == typeof(string))
        {
            schema.Type = JsonSchemaType.Integer;
            schema.Format = "int32";
            schema.Minimum = "1";
            schema.Maximum = context.ParameterDescription.Name == "pageSize" ? Paging.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (schema.Type is null && type == typeof(string))
        {
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        else if (schema.Type is null && (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?)))
        {
            schema.Type = type == typeof(DateTimeOffset?) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = "date-time";
        }
        else if (typeof(IEnumerable<string>).IsAssignableFrom(type) && type != typeof(string) && schema.Items is null or OpenApiSchema { Type: null })
        {
            // string[], IReadOnlyList<string>...: the exporter drops the item schema it could not type.
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        return Task.CompletedTask;
    }
}
