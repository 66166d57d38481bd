using Microsoft.Extensions.Configuration;

namespace MhSupply.Hosting;

public static class DataFolder
{
    /// <summary>MHSUPPLY_DATA (or Data:Path), default ./.data: where local state that must not be committed lives.</summary>
    public static string Resolve(IConfiguration configuration) =>
        Path.GetFullPath(configuration["MHSUPPLY_DATA"] ?? configuration["Data:Path"] ?? ".data");
}
