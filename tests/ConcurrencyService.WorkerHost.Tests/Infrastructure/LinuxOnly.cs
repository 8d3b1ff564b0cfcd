using System.Runtime.Versioning;

// These tests watch processes through /proc and signal them with kill(2): they run on Linux only.
[assembly: SupportedOSPlatform("linux")]
