using Lodestar.Samples.UsageTracker;

namespace Lodestar.Modules.Hosting.Tests;

public sealed class UsageTrackerSampleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lodestar-sample-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] extraArgs)
    {
        using var output = new StringWriter();
        string[] args = [$"--Lodestar:Sqlite:DataDirectory={_directory}", "--Logging:LogLevel:Default=None", .. extraArgs];
        var exitCode = await UsageTrackerApp.RunAsync(args, output).WaitAsync(TimeSpan.FromMinutes(2));
        return (exitCode, output.ToString());
    }

    [Fact]
    public async Task Sample_RunsToCompletionAndExitsZero()
    {
        var (exitCode, _) = await RunAsync();

        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Sample_PrintsModulesWithRequiredOptionalAndDisabledOnes()
    {
        var (_, output) = await RunAsync();

        Assert.Matches(@"storage\s+1\.0\.0\s+Running", output);
        Assert.Matches(@"usage-tracker\s+1\.2\.0\s+Running\s+cost-report", output);
        Assert.Matches(@"alerts\s+0\.3\.0\s+Disabled", output);
    }

    [Fact]
    public async Task Sample_RecordsEverySimulatedRequestInSqlite()
    {
        var (_, output) = await RunAsync("--Sample:Requests=12");

        var requests = output.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length == 5 && cells[0] is "gpt-4o" or "claude-sonnet" or "llama-3-70b")
            .Sum(cells => int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12, requests);
        Assert.True(File.Exists(Path.Combine(_directory, "storage.db")));
    }

    [Fact]
    public async Task Sample_PricingDisabled_CostReportIsInactiveAndCostsAreUnknown()
    {
        var (exitCode, output) = await RunAsync("--Lodestar:Modules:pricing:Enabled=false");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"usage-tracker\s+1\.2\.0\s+Running\s+-", output);
        Assert.Contains("n/a", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_StorageDisabled_TrackerIsBlockedAndExitCodeIsOne()
    {
        var (exitCode, output) = await RunAsync("--Lodestar:Modules:storage:Enabled=false");

        Assert.Equal(1, exitCode);
        Assert.Matches(@"usage-tracker\s+1\.2\.0\s+Blocked\s+-\s+storage", output);
    }

    [Fact]
    public async Task Sample_NegativePrice_KeepsPricingFailedAndExitsOne()
    {
        var (exitCode, output) = await RunAsync("--Lodestar:Modules:pricing:Options:InputPerMillion:gpt-4o=-2.50");

        Assert.Equal(1, exitCode);
        Assert.Matches(@"pricing\s+1\.1\.0\s+Failed", output);
        Assert.DoesNotContain("-0.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_PriceTooLargeToComputeACost_KeepsPricingFailedInsteadOfCrashing()
    {
        // 10^26 dollars per million tokens: a few thousand tokens overflow decimal.
        var (exitCode, output) = await RunAsync("--Lodestar:Modules:pricing:Options:OutputPerMillion:gpt-4o=100000000000000000000000000");

        Assert.Equal(1, exitCode);
        Assert.Matches(@"pricing\s+1\.1\.0\s+Failed", output);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("100001")]
    [InlineData("")]
    public async Task Sample_InvalidRequestCount_PrintsOneLineNamingTheSettingAndRangeAndExitsOne(string requests)
    {
        var (exitCode, output) = await RunAsync("--Sample:Requests=" + requests);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal($"Sample:Requests is '{requests}'; use a whole number from 0 to 100000.", line);
    }

    [Fact]
    public async Task Sample_InvalidKeepRunning_PrintsOneLineNamingTheSettingAndExitsOne()
    {
        var (exitCode, output) = await RunAsync("--Sample:KeepRunning=sometimes");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("Sample:KeepRunning is 'sometimes'; use true or false.", line);
    }

    [Fact]
    public async Task Sample_InvalidSetting_StartsNoModuleAndCreatesNoDatabase()
    {
        await RunAsync("--Sample:Requests=abc");

        Assert.False(File.Exists(Path.Combine(_directory, "storage.db")));
    }
}
