using MhSupply.Gateway.Admin;
using MhSupply.Gateway.Alerts;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Fhir;
using MhSupply.Gateway.Health;
using MhSupply.Gateway.Hosting;
using MhSupply.Gateway.Indicators;
using MhSupply.Gateway.Metrics;
using MhSupply.Gateway.Notifications;
using MhSupply.Gateway.Orders;
using MhSupply.Gateway.Places;
using MhSupply.Gateway.Reference;
using MhSupply.Gateway.Referrals;
using MhSupply.Gateway.Sms;
using MhSupply.Gateway.Stock;
using MhSupply.Gateway.Validation;
using MhSupply.Gateway.WebApp;
using MhSupply.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayServices();

var app = builder.Build();
app.UseGatewayPipeline();
app.MapHealthEndpoints();
app.MapMhSupplyOpenApi();
app.MapDevTokenEndpoints(app.Environment);

var api = app.MapGroup("/api/v1").RequireAuthorization().ValidatePaging();
api.MapFacilityApi();
api.MapMedicineApi();
api.MapAdjustmentReasonApi();
api.MapStockApi();
api.MapOrderApi();
api.MapSupplyLineApi();
api.MapRedistributionOrderApi();
api.MapAlertApi();
api.MapAdminJobApi();
api.MapSubscriptionApi();
api.MapSmsApi();
api.MapReferralApi();
api.MapServiceDirectoryApi();
api.MapIndicatorApi();
api.MapDhis2Api();
api.MapDhis2PushApi();
api.MapPlaceApi();
app.MapFhir();
app.MapAdminDashboards();
app.MapMetricsEndpoint();
app.MapWebApp();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
