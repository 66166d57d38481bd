using MhSupply.Access;
using MhSupply.Gateway.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Auth;

/// <summary>POST /dev/token: mints a token for any role and scope. Mapped only in the Development environment.</summary>
public static class DevTokenEndpoints
{
    public sealed record DevTokenRequest(string? Sub, string? Role, string[]? Facilities, string[]? Districts)
    {
        public static ValidationErrors Validate(DevTokenRequest? request)
        {
            var errors = new ValidationErrors();
            errors.Require(request is not null, "body", "a JSON body is required");
            if (request is not null)
            {
                errors.Require(!string.IsNullOrWhiteSpace(request.Sub), "sub", "sub is required");
                errors.Require(request.Role is not null && Roles.All.Contains(request.Role), "role",
                    $"role must be one of {string.Join(", ", Roles.All)}");
                errors.Require(request.Facilities?.All(f => !string.IsNullOrWhiteSpace(f)) ?? true, "facilities", "facility ids must not be empty");
                errors.Require(request.Districts?.All(d => !string.IsNullOrWhiteSpace(d)) ?? true, "districts", "district ids must not be empty");
            }
            return errors;
        }
    }

    public sealed record DevTokenResponse(string Token);

    public static IEndpointRouteBuilder MapDevTokenEndpoints(this IEndpointRouteBuilder app, IWebHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            return app;
        }
        app.MapPost("/dev/token", Mint)
            .WithTags("Development")
            .WithSummary("Mint a token for any role and scope (Development only).")
            .AllowAnonymous();
        return app;
    }

    private static Results<Ok<DevTokenResponse>, ValidationProblem> Mint(DevTokenRequest? request, TokenIssuer issuer)
    {
        if (DevTokenRequest.Validate(request) is { Any: true } errors)
        {
            return errors.ToResult();
        }
        return TypedResults.Ok(new DevTokenResponse(issuer.Issue(request!.Sub!, request.Role!, request.Facilities ?? [], request.Districts ?? [])));
    }
}
