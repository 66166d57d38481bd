using System.Diagnostics;

namespace MhSupply.Tests.Infrastructure;

/// <summary>
/// A real SMTP server process (Debian's python3-aiosmtpd, installed by ./test.sh) writing every message it accepts to
/// a Maildir. Started and stopped by the test, by its own PID, so "the mail server is down" is a real refused connection.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "mhsupply-smtp-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public void Start()
    {
        var info = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start the SMTP server");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException("the SMTP server exited (is python3-aiosmtpd installed? ./test.sh installs it): "
                        + _process.StandardError.ReadToEnd());
                }
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException("the SMTP server did not listen");
    }

    /// <summary>The raw messages received so far.</summary>
    public IReadOnlyList<string> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(File.ReadAllText).ToList() : [];
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }
}
