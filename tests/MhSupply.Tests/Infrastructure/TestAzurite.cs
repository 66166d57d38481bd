namespace MhSupply.Tests.Infrastructure;

/// <summary>The Azure Storage emulator (Azurite) that ./test.sh starts through scripts/azurite.sh (MHSUPPLY_TEST_AZURITE).</summary>
public static class TestAzurite
{
    /// <summary>Missing means the tests were not started by ./test.sh: they fail, like a missing MHSUPPLY_TEST_PG, never skip.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("MHSUPPLY_TEST_AZURITE")
        ?? throw new InvalidOperationException(
            "MHSUPPLY_TEST_AZURITE is not set: run the tests through ./test.sh, which starts Azurite (scripts/azurite.sh).");
}
