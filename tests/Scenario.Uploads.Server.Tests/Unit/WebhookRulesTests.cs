using System.Security.Cryptography;
using System.Text;
using Scenario.Uploads.Server.Webhooks;

namespace Scenario.Uploads.Server.Tests.Unit;

/// <summary>The webhook URL check, the signature and the retry schedule alone: nothing here is connected to.</summary>
public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData("https://hooks.example.com/scenario")]
    [InlineData("http://203.0.113.7.nip.io/hook")] // a name: judged by its address at delivery
    [InlineData("https://[2606:4700::1111]/hook")]
    public void A_public_http_url_is_accepted(string url) => Assert.Null(WebhookUrlCheck.Refusal(url, allowPrivateNetworks: false));

    [Theory]
    [InlineData("http://127.0.0.1/hook", "loopback")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://localhost:3000/hook", "loopback")]
    [InlineData("http://api.localhost/hook", "loopback")]
    [InlineData("http://192.168.0.10/hook", "private")]
    [InlineData("http://169.254.169.254/", "cloud metadata")]
    [InlineData("http://[::ffff:10.0.0.1]/hook", "private")]
    [InlineData("ftp://hooks.example.com/", "http")]
    [InlineData("/relative/hook", "http")]
    [InlineData("https://user:pass@hooks.example.com/", "credentials")]
    public void A_refused_url_says_why(string url, string why) =>
        Assert.Contains(why, WebhookUrlCheck.Refusal(url, allowPrivateNetworks: false));

    [Fact]
    public void Private_addresses_are_allowed_under_the_imports_setting_but_credentials_never_are()
    {
        Assert.Null(WebhookUrlCheck.Refusal("http://127.0.0.1:5000/hook", allowPrivateNetworks: true));
        Assert.NotNull(WebhookUrlCheck.Refusal("http://u:p@127.0.0.1:5000/hook", allowPrivateNetworks: true));
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_timestamp_a_dot_and_the_body()
    {
        var body = "{\"id\":\"evt_1\"}"u8.ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("secret-0123456789"u8.ToArray(), Encoding.ASCII.GetBytes("1700000000.{\"id\":\"evt_1\"}")));

        Assert.Equal($"t=1700000000,v1={expected}", WebhookSignature.For("secret-0123456789", 1700000000, body));
    }

    [Fact]
    public void Retries_wait_the_first_delay_then_double_up_to_the_longest()
    {
        var settings = new WebhooksOptions { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(3) };

        var delays = Enumerable.Range(1, 5).Select(attempt => WebhookDelivery.RetryDelay(settings, attempt).TotalSeconds);

        Assert.Equal([30, 60, 120, 180, 180], delays);
    }
}
