using Microsoft.Extensions.DependencyInjection;
using Scenario.Testing;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Lifecycle;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Server.Tests;

/// <summary>The one way an upload's status changes asks the lifecycle before it writes anything, on the database of the run.</summary>
public sealed class UploadTransitionsTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly UploadApi _api = fixture.Api;
    private IUploadRepository Uploads => fixture.Host.Services.GetRequiredService<IUploadRepository>();
    private UploadTransitions Transitions => fixture.Host.Services.GetRequiredService<UploadTransitions>();

    [Fact]
    public async Task Failing_an_imported_upload_is_refused_and_leaves_it_imported()
    {
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("image");
        var id = (await _api.UploadAsync(bytes, "image", fileName, contentType)).Id;
        var imported = (await Uploads.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(UploadStatuses.Imported, imported.Status);

        await Assert.ThrowsAsync<ForbiddenStatusChangeException>(() => Transitions.FailAsync(
            imported, [UploadStatuses.Imported], "must not be written", JobStatuses.Failure, FailureReasons.Internal, CancellationToken.None));

        var after = (await Uploads.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(UploadStatuses.Imported, after.Status);
        Assert.Null(after.ErrorMessage);
    }

    [Fact]
    public async Task Failing_a_pending_upload_changes_it_once_and_a_second_try_reports_no_change()
    {
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("image");
        var id = (await _api.CreateFor(bytes, "image", fileName, contentType)).Id;
        var pending = (await Uploads.FindAsync(id, CancellationToken.None))!;

        var first = await Transitions.FailAsync(
            pending, [UploadStatuses.Pending], "failed by the test", JobStatuses.Failure, FailureReasons.Internal, CancellationToken.None);
        var second = await Transitions.FailAsync(
            pending, [UploadStatuses.Pending], "failed again", JobStatuses.Failure, FailureReasons.Internal, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        var after = (await Uploads.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(UploadStatuses.Failed, after.Status);
        Assert.Equal("failed by the test", after.ErrorMessage);
    }

    [Fact]
    public async Task Moving_a_pending_upload_straight_to_imported_is_refused_and_leaves_it_pending()
    {
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("image");
        var id = (await _api.CreateFor(bytes, "image", fileName, contentType)).Id;
        var pending = (await Uploads.FindAsync(id, CancellationToken.None))!;

        await Assert.ThrowsAsync<ForbiddenStatusChangeException>(() => Transitions.MoveAsync(
            pending, pending with { Status = UploadStatuses.Imported, EntityId = "asset_never" }, CancellationToken.None));

        var after = (await Uploads.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(UploadStatuses.Pending, after.Status);
        Assert.Null(after.EntityId);
    }

    [Fact]
    public async Task Completing_an_imported_upload_is_refused_and_leaves_it_imported()
    {
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("image");
        var id = (await _api.UploadAsync(bytes, "image", fileName, contentType)).Id;
        var imported = (await Uploads.FindAsync(id, CancellationToken.None))!;

        await Assert.ThrowsAsync<ForbiddenStatusChangeException>(() => Transitions.CompleteAsync(imported, null, QuotaLimits.Unlimited, CancellationToken.None));

        var after = (await Uploads.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(UploadStatuses.Imported, after.Status);
        Assert.Equal(imported.UpdatedAt, after.UpdatedAt);
    }
}
