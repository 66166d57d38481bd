using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MhSupply.Gateway.Hosting;

/// <summary>
/// Declares the problem answers that no handler gives, so no handler can declare them: the pipeline's. An endpoint that
/// requires authorization answers 401 (no valid token) and 403 (a policy refuses) before its handler runs, as problem
/// details from the status-code pages; one whose body the framework binds from JSON answers 415 to another content type
/// (ProblemExceptionHandler). A handler's own answers come from its <c>Results&lt;...&gt;</c> and its <c>ProducesProblem</c>.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var codes = new List<int>();
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            codes.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        }
        if (BindsJsonBody(context))
        {
            codes.Add(StatusCodes.Status415UnsupportedMediaType);
        }
        operation.Responses ??= [];
        foreach (var code in codes.Where(c => !operation.Responses.ContainsKey(Key(c))))
        {
            operation.Responses[Key(code)] = new OpenApiResponse
            {
                Description = ReasonPhrases.GetReasonPhrase(code),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = await ProblemSchema(context, cancellationToken) },
                },
            };
        }
    }

    /// <summary>
    /// A handler parameter the framework reads from the body (JSON). A body a handler reads itself (a CSV file, an import
    /// of either kind) is only described by <c>Accepts</c>, and any content type reaches that handler.
    /// </summary>
    private static bool BindsJsonBody(OpenApiOperationTransformerContext context)
    {
        var handler = context.Description.ActionDescriptor.EndpointMetadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault();
        return handler is not null && context.Description.ParameterDescriptions
            .Any(p => p.Source == BindingSource.Body && handler.GetParameters().Any(h => h.Name == p.Name));
    }

    /// <summary>The document's ProblemDetails component, the one the handlers' own problem answers refer to.</summary>
    private static async Task<IOpenApiSchema> ProblemSchema(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
        if (context.Document is not { } document)
        {
            return schema;
        }
        document.AddComponent(nameof(ProblemDetails), schema);
        return new OpenApiSchemaReference(nameof(ProblemDetails), document);
    }

    private static string Key(int code) => code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
