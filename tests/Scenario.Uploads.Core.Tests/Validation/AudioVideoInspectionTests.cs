using Scenario.Testing;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

public sealed class AudioVideoInspectionTests
{
    public static TheoryData<string, byte[]> AudioFiles => new()
    {
        { "wav", TestFiles.Wav() },
        { "mp3", TestFiles.Mp3() },
        { "ogg", TestFiles.Ogg() },
        { "flac", TestFiles.Flac() },
        { "m4a", TestFiles.M4a() },
    };

    public static TheoryData<string, byte[]> VideoFiles => new()
    {
        { "mp4", TestFiles.Mp4() },
        { "mov", TestFiles.Mov() },
        { "webm", TestFiles.WebM() },
    };

    [Theory]
    [MemberData(nameof(AudioFiles))]
    public async Task Each_audio_format_is_valid_audio(string format, byte[] bytes)
    {
        var result = await Inspect.As("audio", bytes);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(format, result.Format);
        Assert.StartsWith("audio/", result.DetectedContentType);
    }

    [Theory]
    [MemberData(nameof(VideoFiles))]
    public async Task Each_video_format_is_valid_video_with_its_duration(string format, byte[] bytes)
    {
        var result = await Inspect.As("video", bytes);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(format, result.Format);
        Assert.Equal(2.0, result.Number("durationSeconds"));
        Assert.Equal(320, result.Number("width"));
        Assert.True((bool)result.Metadata["hasVideo"]!);
    }

    [Fact]
    public async Task Wav_records_rate_channels_and_duration()
    {
        var result = await Inspect.As("audio", TestFiles.Wav(seconds: 0.5, sampleRate: 16000, channels: 2), "audio/wav");

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(16000, result.Number("sampleRate"));
        Assert.Equal(2, result.Number("channels"));
        Assert.Equal(0.5, result.Number("durationSeconds"));
    }

    [Fact]
    public async Task Flac_duration_comes_from_streaminfo_total_samples()
    {
        var result = await Inspect.As("audio", TestFiles.Flac(seconds: 3, sampleRate: 44100, channels: 2));

        Assert.Equal(44100, result.Number("sampleRate"));
        Assert.Equal(2, result.Number("channels"));
        Assert.Equal(3.0, result.Number("durationSeconds"));
    }

    [Fact]
    public async Task Mp3_behind_an_id3_tag_records_its_frame_parameters()
    {
        var result = await Inspect.As("audio", TestFiles.Mp3(), "audio/mpeg");

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(44100, result.Number("sampleRate"));
        Assert.Equal(128, result.Number("bitrateKbps"));
    }

    [Fact]
    public async Task Ogg_vorbis_records_rate_and_channels()
    {
        var result = await Inspect.As("audio", TestFiles.Ogg(sampleRate: 48000, channels: 1));

        Assert.Equal("vorbis", (string)result.Metadata["codec"]!);
        Assert.Equal(48000, result.Number("sampleRate"));
    }

    [Fact]
    public async Task Wav_cut_short_is_refused_as_truncated()
    {
        var result = await Inspect.As("audio", TestFiles.Wav(1)[..3000]);

        Assert.False(result.IsValid);
        Assert.Contains("truncated", result.ErrorMessage);
    }

    [Fact]
    public async Task Mp4_cut_inside_its_media_data_is_refused_as_truncated()
    {
        var result = await Inspect.As("video", TestFiles.Mp4()[..^4]);

        Assert.False(result.IsValid);
        Assert.Contains("truncated", result.ErrorMessage);
    }

    [Fact]
    public async Task Webm_cut_short_is_refused_as_truncated()
    {
        var result = await Inspect.As("video", TestFiles.WebM()[..^10]);

        Assert.False(result.IsValid);
        Assert.Contains("truncated", result.ErrorMessage);
    }

    [Fact]
    public async Task M4a_audio_is_not_accepted_as_video()
    {
        var result = await Inspect.As("video", TestFiles.M4a());

        Assert.False(result.IsValid);
        Assert.Equal("This is an MP4 audio file, but kind 'video' expects MP4, MOV, WebM or Matroska video.", result.ErrorMessage);
    }

    [Fact]
    public async Task Mov_declared_as_video_mp4_is_accepted_since_they_share_a_container()
    {
        var result = await Inspect.As("video", TestFiles.Mov(), "video/mp4");

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal("mov", result.Format);
    }

    [Fact]
    public async Task Wav_declared_as_mpeg_audio_is_refused()
    {
        var result = await Inspect.As("audio", TestFiles.Wav(), "audio/mpeg");

        Assert.False(result.IsValid);
        Assert.Contains("audio/mpeg", result.ErrorMessage);
    }
}
