using System.Data.Common;

namespace MhSupply.Faults;

public static class ServiceFailures
{
    /// <summary>The carrier of an exception Orleans cannot serialise: its type, message, SQLSTATE and transience.</summary>
    public static ServiceFailureException From(Exception exception)
    {
        var database = Find<DbException>(exception);
        return new ServiceFailureException(exception.GetType().FullName ?? exception.GetType().Name, exception.Message,
            IsTransient(exception), database?.SqlState, exception.ToString());
    }

    /// <summary>
    /// True when a dependency was briefly unavailable and the same call may succeed later: the database provider says so
    /// (Npgsql: a refused or broken connection, a timeout, PostgreSQL shutting down or out of connections, a serialisation
    /// failure or deadlock), or the cause is a socket or a timeout.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbException db:
                    return db.IsTransient;
                case ServiceFailureException carried:
                    return carried.IsTransient;
                case System.Net.Sockets.SocketException or TimeoutException:
                    return true;
            }
        }
        return false;
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }
}
