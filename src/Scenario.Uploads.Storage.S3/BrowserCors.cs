using Amazon.S3;
using Amazon.S3.Model;

namespace Scenario.Uploads.Storage.S3;

/// <summary>
/// The bucket's CORS rule that lets the upload page (any origin) PUT parts to their presigned URLs, GET
/// downloads, and read each part's <c>ETag</c>. Any origin is safe: a presigned URL is itself the
/// credential, no cookie or stored login goes to the store, and a page of another site can do nothing with
/// the bucket without a URL the service signed. Added beside the bucket's other rules, never replacing them;
/// a store without bucket CORS (MinIO answers NotImplemented and allows every origin) is left as it is.
/// </summary>
public static class BrowserCors
{
    public const string RuleId = "scenario-uploads-browser";

    public static CORSRule Rule() => new()
    {
        Id = RuleId,
        AllowedOrigins = ["*"],
        AllowedMethods = ["PUT", "GET", "HEAD"],
        AllowedHeaders = ["*"],
        ExposeHeaders = ["ETag"],
        MaxAgeSeconds = 3600,
    };

    public static async Task EnsureAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        List<CORSRule> rules;
        try
        {
            var current = await s3.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = bucket }, cancellationToken);
            rules = current.Configuration?.Rules ?? [];
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchCORSConfiguration" || e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            rules = [];
        }
        catch (AmazonS3Exception e) when (NotSupported(e))
        {
            return;
        }
        if (rules.Any(AllowsThePage))
        {
            return;
        }
        rules.Add(Rule());
        try
        {
            await s3.PutCORSConfigurationAsync(
                new PutCORSConfigurationRequest { BucketName = bucket, Configuration = new CORSConfiguration { Rules = rules } }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (NotSupported(e))
        {
        }
    }

    /// <summary>An existing rule (ours, or an operator's) already lets any origin PUT and read ETag.</summary>
    public static bool AllowsThePage(CORSRule rule) =>
        (rule.AllowedOrigins?.Contains("*") ?? false)
        && (rule.AllowedMethods?.Contains("PUT") ?? false)
        && (rule.ExposeHeaders?.Any(h => h.Equals("ETag", StringComparison.OrdinalIgnoreCase)) ?? false);

    private static bool NotSupported(AmazonS3Exception e) =>
        e.ErrorCode is "NotImplemented" || e.StatusCode == System.Net.HttpStatusCode.NotImplemented;
}
