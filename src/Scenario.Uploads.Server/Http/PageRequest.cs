using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;

namespace Scenario.Uploads.Server.Http;

/// <summary><c>pageSize</c> and the opaque <c>paginationToken</c> of a list request.</summary>
public sealed record PageRequest(int Size, UploadCursor? After)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static Result<PageRequest> Parse(IQueryCollection query)
    {
        var size = DefaultSize;
        if (query.TryGetValue("pageSize", out var sizeText)
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxSize))
        {
            return Result<PageRequest>.Fail(ErrorCodes.InvalidPageSize, $"'pageSize' must be a whole number from 1 to {MaxSize}.");
        }
        UploadCursor? after = null;
        if (query.TryGetValue("paginationToken", out var token) && !string.IsNullOrEmpty(token) && (after = Decode(token!)) is null)
        {
            return Result<PageRequest>.Fail(ErrorCodes.InvalidPaginationToken,
                "'paginationToken' is not one this service gave out; pass nextPaginationToken from the previous page unchanged.");
        }
        return Result<PageRequest>.Ok(new PageRequest(size, after));
    }

    public static string Token(UploadRecord last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.CreatedAt.ToUnixTimeMilliseconds()}:{last.Id}"));

    private static UploadCursor? Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var colon = text.IndexOf(':');
            return colon > 0 && long.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && Ids.LooksValid(text[(colon + 1)..])
                ? new UploadCursor(DateTimeOffset.FromUnixTimeMilliseconds(ms), text[(colon + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
