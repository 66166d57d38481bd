using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace MhSupply.Gateway.WebApp;

/// <summary>
/// Development only: the web root with file times in whole seconds. In Development the static assets serve a file
/// edited since the build from source, and ASP.NET Core 10.0.12 takes a file as edited when its time differs from the
/// manifest's Last-Modified, which has whole seconds (HTTP dates). Files have sub-second times, so every file looked
/// edited and every compressed answer went out re-wrapped as uncompressed gzip: the first load grew from 57 KB to
/// 240-266 KB, past its 200 KB budget. Later runtimes compare whole seconds themselves
/// (StaticAssetDevelopmentRuntimeHandler.TruncateToSeconds); then this changes nothing and can go.
/// </summary>
internal sealed class WholeSecondFileProvider(IFileProvider inner) : IFileProvider
{
    public IFileInfo GetFileInfo(string subpath) => new WholeSecondFile(inner.GetFileInfo(subpath));

    public IDirectoryContents GetDirectoryContents(string subpath) => inner.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => inner.Watch(filter);

    private sealed class WholeSecondFile(IFileInfo file) : IFileInfo
    {
        public bool Exists => file.Exists;

        public long Length => file.Length;

        public string? PhysicalPath => file.PhysicalPath;

        public string Name => file.Name;

        public DateTimeOffset LastModified => file.LastModified.AddTicks(-(file.LastModified.Ticks % TimeSpan.TicksPerSecond));

        public bool IsDirectory => file.IsDirectory;

        public Stream CreateReadStream() => file.CreateReadStream();
    }
}
