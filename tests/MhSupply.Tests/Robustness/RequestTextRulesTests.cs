using System.Text.Json;
using MhSupply.Gateway.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// The text rule itself, and its check of route values. A NUL cannot reach a route over HTTP (Kestrel refuses "%00" in a
/// path with a 400 before routing), so the middleware is driven directly: it is the guard for any other way in.
/// </summary>
public sealed class RequestTextRulesTests
{
    /// <summary>Test texts by name: a NUL or a lone surrogate in a test's display name would break the result files.</summary>
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["plain"] = "Camp A",
        ["accents-and-arabic"] = "Clinique de l'Espoir \u00e9\u0644",
        ["emoji-pair"] = "emoji \ud83d\ude42 pair",
        ["nul"] = "a\u0000b",
        ["high-alone"] = "high \ud800 alone",
        ["low-first"] = "\udc00 low first",
        ["reversed-pair"] = "reversed \ude42\ud83d",
        ["ends-high"] = "ends high \ud83d",
    };

    [Theory]
    [InlineData("plain", null)]
    [InlineData("accents-and-arabic", null)]
    [InlineData("emoji-pair", null)]
    [InlineData("nul", TextRules.HoldsNul)]
    [InlineData("high-alone", TextRules.HoldsLoneSurrogate)]
    [InlineData("low-first", TextRules.HoldsLoneSurrogate)]
    [InlineData("reversed-pair", TextRules.HoldsLoneSurrogate)]
    [InlineData("ends-high", TextRules.HoldsLoneSurrogate)]
    public void Text_is_refused_for_a_nul_or_half_a_character_and_only_for_those(string text, string? problem) =>
        Assert.Equal(problem, TextRules.Problem(Texts[text]));

    [Fact]
    public async Task A_route_value_holding_a_nul_is_a_400_naming_it_and_the_endpoint_never_runs()
    {
        var context = Context();
        context.Request.RouteValues["facilityId"] = "camp\u0000a";
        var reached = false;

        await new RequestTextMiddleware(_ => { reached = true; return Task.CompletedTask; }).InvokeAsync(context);

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Equal("facilityId must not contain the NUL character (U+0000)", problem.GetProperty("errors").GetProperty("facilityId")[0].GetString());
    }

    [Fact]
    public async Task Good_route_values_pass_through()
    {
        var context = Context();
        context.Request.RouteValues["facilityId"] = "camp-a";
        var reached = false;

        await new RequestTextMiddleware(_ => { reached = true; return Task.CompletedTask; }).InvokeAsync(context);

        Assert.True(reached);
    }

    private static DefaultHttpContext Context() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };
}
