using Scenario.Uploads.Model;
using Xunit;
using static Scenario.Uploads.Model.UploadStatuses;

namespace Scenario.Uploads.Core.Tests.Model;

public sealed class UploadLifecycleTests
{
    [Theory]
    [InlineData(Pending, Validating)]
    [InlineData(Validating, Validated)]
    [InlineData(Validated, Imported)]
    [InlineData(Complete, Validating)]
    [InlineData(Pending, Failed)]
    [InlineData(Validated, Failed)]
    public void The_spec_s_moves_are_allowed(string from, string to) => Assert.True(UploadLifecycle.Allows(from, to));

    [Theory]
    [InlineData(Pending, Complete)]   // the complete action goes straight to validating: no idle complete
    [InlineData(Pending, Imported)]
    [InlineData(Validating, Pending)]
    [InlineData(Imported, Failed)]
    [InlineData(Failed, Pending)]
    public void Other_moves_are_refused(string from, string to)
    {
        Assert.False(UploadLifecycle.Allows(from, to));
        Assert.Throws<ForbiddenStatusChangeException>(() => UploadLifecycle.Require(from, to));
    }

    [Fact]
    public void Terminal_statuses_lead_nowhere_and_a_job_fails_an_import_from_pending_but_not_a_multipart_upload()
    {
        string[] all = [Pending, Complete, Validating, Validated, Imported, Failed];
        Assert.All(UploadLifecycle.Terminal, t => Assert.DoesNotContain(all, s => UploadLifecycle.Allows(t, s)));
        Assert.Contains(Pending, UploadLifecycle.FailableByJob(UploadSources.Url));
        Assert.DoesNotContain(Pending, UploadLifecycle.FailableByJob(UploadSources.Multipart));
        Assert.Equal([Complete, Pending], UploadLifecycle.From(Validating).Order());
    }
}
