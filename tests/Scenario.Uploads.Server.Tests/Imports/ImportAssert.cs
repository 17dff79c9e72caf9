namespace Scenario.Uploads.Server.Tests.Imports;

/// <summary>Runs an import to its end and checks how it ended.</summary>
internal static class ImportAssert
{
    public static async Task<Upload> Imported(UploadApi api, object body)
    {
        var end = await api.WaitForEndAsync((await api.CreateAsync(body)).Id);
        Assert.True(end.Status == "imported", $"Expected imported, got: {end}");
        return end;
    }

    public static async Task<string> Failed(UploadApi api, object body)
    {
        var end = await api.WaitForEndAsync((await api.CreateAsync(body)).Id);
        Assert.True(end.Status == "failed", $"Expected failed, got: {end}");
        Assert.False(end.Json.TryGetProperty("entityId", out _));
        return end.ErrorMessage!;
    }
}
