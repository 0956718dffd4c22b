using MedifyAI.Api.Hosting;

// The API front-end: an Orleans client that reaches the silos through their gateways.
var builder = WebApplication.CreateBuilder(args);

builder.AddMedifyClusterClient();
builder.AddMedifyApi();

var app = builder.Build();
app.MapMedifyApi();
app.Run();
