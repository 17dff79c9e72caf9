using Scenario.Uploads.Server.Jobs;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server;

/// <summary>The <c>Jobs</c> section and the background work: the job worker (validation) and the expiry sweeper.</summary>
public static class JobsRegistration
{
    public static IServiceCollection AddUploadJobs(this IServiceCollection services)
    {
        services.AddValidatedOptions<JobsOptions, JobsOptionsValidator>(JobsOptions.Section);
        services.AddSingleton<JobSignal>();
        services.AddSingleton<FileValidation>();
        services.AddSingleton<UploadProcessor>();
        services.AddHostedService<UploadJobWorker>();
        services.AddSingleton<ExpirySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpirySweeper>());
        return services;
    }
}
