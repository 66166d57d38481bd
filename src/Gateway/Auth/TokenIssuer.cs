using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MhSupply.Gateway.Auth;

/// <summary>
/// Issues development tokens with the framework's JWT handler; production tokens come from the configured issuer.
/// Token lifetimes follow real time, as the JWT handler that validates them does, not the application's (testable) clock.
/// </summary>
public sealed class TokenIssuer(SymmetricSecurityKey key, JwtOptions options)
{
    private readonly JsonWebTokenHandler _handler = new();

    public string Issue(string subject, string role, IEnumerable<string> facilities, IEnumerable<string> districts)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, subject), new(ClaimNames.Role, role) };
        claims.AddRange(facilities.Select(f => new Claim(ClaimNames.Facility, f)));
        claims.AddRange(districts.Select(d => new Claim(ClaimNames.District, d)));
        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.DevTokenLifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
