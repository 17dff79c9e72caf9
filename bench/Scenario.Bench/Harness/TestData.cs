namespace Scenario.Bench.Harness;

/// <summary>The 1 GiB of random data every upload case sends, made once: 8 parts of 128 MiB, and slices of it.</summary>
internal sealed class TestData(string scratch)
{
    public const long PartBytes = 128L * 1024 * 1024;

    public string Big => Path.Combine(scratch, "big.bin");

    /// <summary>The first 512 MiB: each of the 4 GiB upload's 8 parts.</summary>
    public string Half => Path.Combine(scratch, "half.bin");

    /// <summary>The first 8 MiB: each of the 64 MiB upload's 8 parts.</summary>
    public string Small => Path.Combine(scratch, "small.bin");

    /// <summary>Four times the 1 GiB, made and removed by case 3.</summary>
    public string Big4 => Path.Combine(scratch, "big4.bin");

    public string Part(int number) => Path.Combine(scratch, "parts", $"p{number}");

    /// <summary>
    /// AES-CTR of zeros: incompressible, reproducible and far faster than /dev/urandom. openssl dies of SIGPIPE when
    /// head has enough, hence no pipefail there and a size check instead.
    /// </summary>
    public async Task MakeAsync()
    {
        Log.Line($"making 1 GiB of random data (8 parts of 128 MiB) in {scratch}");
        Directory.CreateDirectory(Path.Combine(scratch, "parts"));
        await Proc.BashAsync("""
            set -eu
            (set +o pipefail; openssl enc -aes-128-ctr -pass pass:scenario-bench -nosalt -pbkdf2 < /dev/zero 2>/dev/null | head -c $((8 * $2)) > "$1/big.bin")
            [ "$(wc -c < "$1/big.bin")" -eq $((8 * $2)) ]
            split -b "$2" -d -a 1 --numeric-suffixes=1 "$1/big.bin" "$1/parts/p"
            head -c $((512 * 1024 * 1024)) "$1/big.bin" > "$1/half.bin"
            head -c $((8 * 1024 * 1024)) "$1/big.bin" > "$1/small.bin"
            """, scratch, PartBytes.ToString());
    }
}
