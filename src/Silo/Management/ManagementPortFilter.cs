namespace MedifyAI.Silo.Management;

/// <summary>
/// Keeps the dashboard on the management listener and the API off it. The check uses the local port the
/// connection arrived on, not the Host header, so a client of the API port cannot reach the dashboard by
/// naming another host. Health endpoints answer on both.
/// </summary>
internal sealed class ManagementPortFilter(RequestDelegate next, IReadOnlySet<int> managementPorts)
{
    public const string DashboardPath = "/dashboard";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health"))
        {
            return next(context);
        }

        var onManagementPort = managementPorts.Contains(context.Connection.LocalPort);
        var isManagementPath = path.StartsWithSegments(DashboardPath);
        if (onManagementPort != isManagementPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
