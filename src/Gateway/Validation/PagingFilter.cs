using System.Reflection;
using MhSupply.Gateway.Errors;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// Checks <see cref="Paging"/> for every endpoint of a group that takes it, before the handler runs: one place for the
/// rule, and no list can forget it.
/// </summary>
public static class PagingFilter
{
    public static TBuilder ValidatePaging<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var index = Array.FindIndex(context.MethodInfo.GetParameters(), p => p.ParameterType == typeof(Paging));
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
