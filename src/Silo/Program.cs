using MedifyAI.Silo.Hosting;

// The silo host. By default it also serves the HTTP API, so one process runs the whole product.
var builder = WebApplication.CreateBuilder(args);
builder.AddMedifySilo();

var app = builder.Build();
app.MapMedifySilo();
app.Run();
