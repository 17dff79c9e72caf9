namespace Scenario.Bench.Harness;

/// <summary>
/// Where the servers under test keep their files and listen: on disk, or in memory (tmpfs), where the disk's changing
/// speed cannot decide case 1 (the same software, equally without durability). Suffix marks the in-memory samples.
/// </summary>
internal sealed record Place(string Folder, string Suffix, int ServicePort, int NginxPort, int TusPort)
{
    public static Place Disk(string scratch) => new(scratch, "", 18501, 18502, 18503);

    public static Place Memory(string memory) => new(memory, ".mem", 18511, 18512, 18513);
}
