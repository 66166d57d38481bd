using System.Reflection;
using MhSupply.Gateway.Errors;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// Checks <see cref="Paging"/> for every endpoint of a group that takes it, before the handler runs: one place for the
/// rule, and no list can forget it. The same place declares the rule's 400 to the OpenAPI document, since the handler's
/// own return type cannot show an answer the handler never gives.
/// </summary>
public static class PagingFilter
{
    public static TBuilder ValidatePaging<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<MethodInfo>().Any(m => PagingIndex(m) >= 0))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails),
                    ["application/problem+json"]));
            }
        });
        return builder.AddEndpointFilterFactory((context, next) =>
        {
            var index = PagingIndex(context.MethodInfo);
            if (index < 0)
            {
                return next;
            }
            return async invocation =>
            {
                var errors = new ValidationErrors();
                invocation.GetArgument<Paging>(index).Validate(errors);
                return errors.Any ? errors.ToResult() : await next(invocation);
            };
        });
    }

    private static int PagingIndex(MethodInfo method) => Array.FindIndex(method.GetParameters(), p => p.ParameterType == typeof(Paging));
}
