using Scalar.AspNetCore;

namespace MhSupply.Gateway.Hosting;

public static class OpenApiExtensions
{
    public static WebApplicationBuilder AddMhSupplyOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            o.AddOperationTransformer<ProblemResponsesTransformer>();
            o.AddSchemaTransformer<Validation.ValidatedTypesSchemaTransformer>();
        });
        return builder;
    }

    /// <summary>/openapi/v1.json and a browsable reference at /scalar/v1, both served by the gateway itself.</summary>
    public static WebApplication MapMhSupplyOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("MhSupply API")).AllowAnonymous();
        return app;
    }
}
