using System.Globalization;
using System.Threading.RateLimiting;
using MedifyAI.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MedifyAI.Api.Security;

/// <summary>Authentication, authorization, abuse limits and transport hardening of the API.</summary>
public static partial class SecurityExtensions
{
    /// <summary>Claim with the caller's stable id; inbound claim mapping is off, so it keeps its JWT name.</summary>
    public const string SubjectClaimType = "sub";

    public const string RoleClaimType = "role";

    private const string BearerSection = "Authentication:Schemes:Bearer";

    /// <summary>
    /// Registers JWT bearer authentication (configured from <c>Authentication:Schemes:Bearer</c>), the role
    /// policies, per-subject rate limits, the request body limit and CORS.
    /// </summary>
    public static IHostApplicationBuilder AddMedifySecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = SubjectClaimType;
                options.TokenValidationParameters.RoleClaimType = RoleClaimType;
            });
        services.AddTransient<IClaimsTransformation, RoleClaimsTransformation>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(SubjectClaimType)
                .Build())
            .AddPolicy(ApiPolicies.Patient, policy => policy.RequireClaim(SubjectClaimType).RequireRole(Roles.Patient))
            .AddPolicy(ApiPolicies.SessionReader, policy => policy
                .RequireClaim(SubjectClaimType)
                .RequireRole(Roles.Patient, Roles.Clinician))
            .AddPolicy(ApiPolicies.Operator, policy => policy.RequireClaim(SubjectClaimType).RequireRole(Roles.Operator));

        services.AddRateLimiter(options =>
        {
            options.OnRejected = WriteRateLimitProblemAsync;
            options.AddPolicy(ApiPolicies.MessagesRateLimit, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
                // Tokens come back in small steps, so the allowance refills evenly over the window rather than all at
                // once. A step is at least 100 ms, because System.Threading.RateLimiting's partitioned limiter
                // replenishes its partitions on a 100 ms timer.
                var step = TimeSpan.FromTicks(Math.Max(
                    limits.MessageWindow.Ticks / limits.MessagesPerWindow, TimeSpan.FromMilliseconds(100).Ticks));
                var tokensPerStep = (int)Math.Max(1, Math.Round(limits.MessagesPerWindow * (step / limits.MessageWindow)));
                return RateLimitPartition.GetTokenBucketLimiter(SubjectOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.MessagesPerWindow,
                    TokensPerPeriod = tokensPerStep,
                    ReplenishmentPeriod = step,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.AddPolicy(ApiPolicies.SessionsRateLimit, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(SubjectOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.SessionsPerWindow,
                    Window = limits.SessionWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });

        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<SecurityOptions>>((kestrel, security) =>
                kestrel.Limits.MaxRequestBodySize = security.Value.MaxRequestBodyBytes);

        services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            var origins = builder.Configuration.GetSection($"{SecurityOptions.SectionName}:AllowedOrigins").Get<string[]>() ?? [];
            policy.WithOrigins(origins).WithMethods("GET", "POST", "DELETE").WithHeaders("Authorization", "Content-Type");
        }));

        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>Adds the security middleware in order: headers, HTTPS outside Development, CORS, authentication, limits.</summary>
    public static WebApplication UseMedifySecurity(this WebApplication app)
    {
        WarnWhenNoTokenValidation(app);

        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<CallerContextMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    private static string SubjectOf(HttpContext context) =>
        context.User.FindFirst(SubjectClaimType)?.Value ?? "anonymous";

    private static async ValueTask WriteRateLimitProblemAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"The rate limit for this action was reached. Retry after {seconds} seconds.",
            },
        });
    }

    private static void WarnWhenNoTokenValidation(WebApplication app)
    {
        var bearer = app.Configuration.GetSection(BearerSection);
        if (bearer["Authority"] is null && !bearer.GetSection("SigningKeys").GetChildren().Any())
        {
            LogNoTokenValidation(app.Logger);
        }
    }

    [LoggerMessage(2100, LogLevel.Warning,
        "No token issuer is configured, so every API request will be rejected with 401. Set Authentication:Schemes:Bearer:Authority, "
        + "or on a development machine create a token with 'dotnet user-jwts create --project src/Silo --audience medifyai --role patient'.")]
    private static partial void LogNoTokenValidation(ILogger logger);
}
