using Scenario.Models;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests;

/// <summary>The transfer helpers are extensions: a class implementing only <c>IUploadService</c> keeps compiling and working.</summary>
public sealed class TransferExtensionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Waiting_for_an_import_works_on_any_implementation_of_the_interface()
    {
        var uploads = new InterfaceOnlyUploads("validating", "imported");

        var upload = await uploads.WaitForImportAsync("upl_1", TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.Equal(2, uploads.Retrieves);
    }

    [Fact]
    public async Task A_file_transfer_through_another_implementation_says_it_needs_the_clients_service()
    {
        var uploads = new InterfaceOnlyUploads("pending");
        using var content = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            uploads.UploadFileAsync(content, new UploadFileOptions { Kind = UploadKind.Asset, FileName = "f.bin" }, Ct));

        Assert.Contains("client.Uploads", error.Message);
        Assert.Equal(0, uploads.Retrieves);
    }
}
