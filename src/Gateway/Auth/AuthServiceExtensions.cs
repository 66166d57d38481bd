using MhSupply.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace MhSupply.Gateway.Auth;

public static class AuthServiceExtensions
{
    public const string AdminPolicy = "admin";

    /// <summary>JWT bearer on every /api/ endpoint, validated by the framework's handler against our issuer and key.</summary>
    public static WebApplicationBuilder AddMhSupplyAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        var key = SigningKeys.Resolve(options, builder.Environment.IsDevelopment(), DataFolder(builder.Configuration));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddScoped<ScopeChecker>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = c =>
                    {
                        c.Token ??= Admin.AdminDashboards.TokenFor(c.HttpContext);
                        return Task.CompletedTask;
                    },
                };
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = key,
                    ValidateIssuerSigningKey = true,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = ClaimNames.Subject,
                    RoleClaimType = ClaimNames.Role,
                    ClockSkew = TimeSpan.FromMinutes(2),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    /// <summary>MHSUPPLY_DATA (or Data:Path), default ./.data: where local state that must not be committed lives.</summary>
    public static string DataFolder(IConfiguration configuration) => MhSupply.Hosting.DataFolder.Resolve(configuration);
}
