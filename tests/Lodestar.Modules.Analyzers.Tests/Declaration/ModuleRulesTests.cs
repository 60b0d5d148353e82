namespace Lodestar.Modules.Analyzers.Tests.Declaration;

public sealed class ModuleRulesTests
{
    [Theory]
    [InlineData("UsageTracker", "usage-tracker")]
    [InlineData("usageTracker", "usage-tracker")]
    [InlineData("usage_tracker", "usage-tracker")]
    [InlineData("Usage Tracker", "usage-tracker")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("Acme.Billing_V2", "acme.billing-v2")]
    [InlineData("usage--tracker-", "usage-tracker")]
    [InlineData("2fa-Login", "fa-login")]
    [InlineData("storage2", "storage2")]
    [InlineData("módulo", "m-dulo")]
    [InlineData("", "module")]
    [InlineData("---", "module")]
    [InlineData(null, "module")]
    public void SuggestId_InvalidId_ReturnsTheNearestValidId(string? raw, string expected)
    {
        var suggestion = ModuleRules.SuggestId(raw);

        Assert.Equal(expected, suggestion);
        Assert.True(ModuleRules.IsValidId(suggestion));
    }

    [Theory]
    [InlineData("UsageTrackerModule", "usage-tracker")]
    [InlineData("Module", "module")]
    [InlineData("Storage", "storage")]
    [InlineData("SQLiteStoreModule", "sq-lite-store")]
    public void IdFromClassName_ClassName_DropsTheModuleSuffixAndKebabCases(string className, string expected) =>
        Assert.Equal(expected, ModuleRules.IdFromClassName(className));

    [Theory]
    [InlineData("1", "1.0.0")]
    [InlineData("1.2", "1.2.0")]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData(" 1.2.3 ", "1.2.3")]
    [InlineData("01.002.0003", "1.2.3")]
    [InlineData("1.2.3.4", "1.2.3")]
    [InlineData("1.0.0beta", "1.0.0-beta")]
    [InlineData("1.0.0-", "1.0.0")]
    [InlineData("1.0.0-beta_1", "1.0.0-beta-1")]
    [InlineData("1.0.0-beta..01", "1.0.0-beta.1")]
    [InlineData("1.0.0+build_7", "1.0.0+build-7")]
    [InlineData("1.0-rc.1+007", "1.0.0-rc.1+007")]
    [InlineData("latest", "1.0.0")]
    [InlineData("", "1.0.0")]
    [InlineData(null, "1.0.0")]
    [InlineData("99999999999999999999.0.0", "99999999999999999999.0.0")]
    public void SuggestVersion_InvalidVersion_ReturnsTheNearestSemVer(string? raw, string expected)
    {
        var suggestion = ModuleRules.SuggestVersion(raw);

        Assert.Equal(expected, suggestion);
        Assert.True(ModuleRules.IsValidVersion(suggestion));
    }

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("1.0.0-alpha.beta.1+exp.sha.5114f85", true)]
    [InlineData("1.0.0\n", false)]
    [InlineData("1.0", false)]
    [InlineData(null, false)]
    public void IsValidVersion_MatchesSemVer(string? version, bool valid) =>
        Assert.Equal(valid, ModuleRules.IsValidVersion(version));
}
