using Scenario.Uploads.Model;

namespace Scenario.Uploads.Persistence.Rows;

/// <summary>The api_keys table as Dapper reads it, for every database.</summary>
internal sealed class ApiKeyRow
{
    public string ApiKey { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public long CreatedAt { get; set; }

    public ApiKeyRecord ToRecord() => new(ApiKey, SecretHash, OwnerId, AuthorId, UnixTime.At(CreatedAt));
}
