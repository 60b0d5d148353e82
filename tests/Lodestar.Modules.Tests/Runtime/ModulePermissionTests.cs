namespace Lodestar.Modules.Tests.Runtime;

public sealed class ModulePermissionTests
{
    [Theory]
    [InlineData(ModulePermission.View, "pacing", "view:pacing")]
    [InlineData(ModulePermission.Configure, "pacing", "configure:pacing")]
    [InlineData(ModulePermission.Manage, "*", "manage:*")]
    public void For_WritesThePermissionTheWayTheSeedsDo(ModulePermission permission, string moduleId, string expected) =>
        Assert.Equal(expected, permission.For(moduleId));

    [Fact]
    public void For_UndefinedPermission_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ModulePermission)7).For("pacing"));
}
