using MedifyAI.Silo.Clustering;
using MedifyAI.Silo.Commands;
using MedifyAI.Silo.Hosting;

// `dotnet MedifyAI.Silo.dll migrate` applies the PostgreSQL cluster schema and exits.
if (MigrationCommand.IsRequested(args))
{
    return await MigrationCommand.RunAsync(args);
}

// `dotnet MedifyAI.Silo.dll reindex --dataset NAME --from Embedded --to OpenSearch` copies a dataset and exits.
if (ReindexCommand.IsRequested(args))
{
    return await ReindexCommand.RunAsync(args);
}

// The silo host. By default it also serves the HTTP API, so one process runs the whole product.
var builder = WebApplication.CreateBuilder(args);
builder.AddMedifySilo();

var app = builder.Build();
app.MapMedifySilo();
await app.RunAsync();
return 0;
