using Microsoft.Extensions.Options;

namespace MhSupply.Stock;

/// <summary>Fails start-up with every problem of the "Stock" section named, rather than later with a wrong figure.</summary>
internal sealed class StockOptionsValidator : IValidateOptions<StockOptions>
{
    public ValidateOptionsResult Validate(string? name, StockOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
