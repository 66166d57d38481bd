using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// A valid request for every endpoint of the gateway's route table (src/Gateway/**/*Endpoints.cs, Program.cs), made
/// against the small world <see cref="Subjects"/> sets up. The corpus mutates these; each must itself succeed
/// (MalformedRequestTests checks), or its mutations would test nothing.
/// </summary>
internal static class ApiTemplates
{
    public const string District = "rb-d";
    public const string Region = "rb-r";
    public const string Phc = "rb-phc";
    public const string Specialist = "rb-smh";
    public const string Community = "rb-cmh";
    public const string StockOutFacility = "rb-out";
    public const string Medicine = "fluoxetine-cap-20mg";
    public const string OwnMedicine = "rb-med";

    private static readonly (string, string?)[] PagingQuery = [("page", "1"), ("pageSize", "50")];

    public static IReadOnlyList<Template> All(DateTimeOffset now)
    {
        var at = Iso(now.AddMinutes(-1));
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var get = HttpMethod.Get;
        var post = HttpMethod.Post;
        var put = HttpMethod.Put;
        var templates = new List<Template>
        {
            new("health-live", get, "/health/live", "anon") { Query = [("probe", null)] },
            new("health-ready", get, "/health/ready", "anon") { Query = [("probe", null)] },
            new("app-config", get, "/app-config.json", "anon") { Query = [("lang", null)] },
            new("dev-token", post, "/dev/token", "anon")
            {
                Json = Node(new { sub = "rb-user", role = "pharmacist", facilities = new[] { Phc }, districts = new[] { District } }),
            },
            new("facilities-list", get, "/api/v1/facilities", "admin") { Query = [("district", District), ("level", "phc"), .. PagingQuery] },
            new("facility-get", get, "/api/v1/facilities/{facilityId}", "admin") { RouteValues = Route("facilityId", Phc) },
            new("facility-put", put, "/api/v1/facilities/{facilityId}", "admin")
            {
                RouteValues = Route("facilityId", "rb-new"),
                Json = Node(new { name = "Camp B clinic", level = "phc", district = District, region = Region, services = new[] { "psychosocial_support" }, active = true }),
            },
            new("medicines-list", get, "/api/v1/medicines", "pharmacist")
            {
                Query = [("includeRetired", "false"), ("category", "antidepressant"), .. PagingQuery],
            },
            new("medicine-get", get, "/api/v1/medicines/{code}", "pharmacist") { RouteValues = Route("code", Medicine) },
            new("medicine-put", put, "/api/v1/medicines/{code}", "admin")
            {
                RouteValues = Route("code", OwnMedicine),
                Json = Node(new
                {
                    name = "Sertraline", form = "tablet", strength = "50 mg", unit = "tablet", atc = "N06AB06", category = "antidepressant", tracer = false,
                    levels = new[] { "phc" }, source = "national list",
                }),
            },
            new("medicine-retire", post, "/api/v1/medicines/{code}/retire", "admin") { RouteValues = Route("code", OwnMedicine) },
            new("medicine-reinstate", post, "/api/v1/medicines/{code}/reinstate", "admin") { RouteValues = Route("code", OwnMedicine) },
            new("medicines-import-json", post, "/api/v1/medicines/import", "admin")
            {
                Query = [("mode", "extend")],
                Json = new JsonArray(Node(new
                {
                    code = "rb-imp", name = "Imported item", form = "tablet", strength = "1 mg", unit = "tablet", atc = "N05AX", category = "antipsychotic",
                    tracer = true, levels = new[] { "phc", "specialist" },
                })),
            },
            new("medicines-import-csv", post, "/api/v1/medicines/import", "admin")
            {
                Query = [("mode", "extend")],
                Csv = new CsvFile(["code", "name", "form", "strength", "unit", "atc", "category", "tracer", "levels"],
                    [["rb-csv", "Imported by CSV", "tablet", "2 mg", "tablet", "N05BA", "anxiolytic", "false", "phc;specialist"]]),
                CsvRow = n => [$"rb-csv-{n}", "Row item", "tablet", "2 mg", "tablet", "", "anxiolytic", "true", "phc"],
            },
            new("adjustment-reasons-list", get, "/api/v1/adjustment-reasons", "pharmacist") { Query = [("includeInactive", "true"), .. PagingQuery] },
            new("adjustment-reason-get", get, "/api/v1/adjustment-reasons/{code}", "pharmacist") { RouteValues = Route("code", "damaged") },
            new("adjustment-reason-put", put, "/api/v1/adjustment-reasons/{code}", "admin")
            {
                RouteValues = Route("code", "rb-reason"), Json = Node(new { name = "Cold chain failure", direction = "debit", category = "damage", active = true }),
            },
            new("adjustment-reasons-import-json", post, "/api/v1/adjustment-reasons/import", "admin")
            {
                Json = new JsonArray(Node(new { code = "rb-reason-imp", name = "Passed open-vial time limit", direction = "debit", category = "expiry", active = true })),
            },
            new("adjustment-reasons-import-csv", post, "/api/v1/adjustment-reasons/import", "admin")
            {
                Csv = new CsvFile(["code", "name", "direction", "category", "active"], [["rb-reason-csv", "Donation", "credit", "other", "true"]]),
                CsvRow = n => [$"rb-reason-csv-{n}", "Row reason", "debit", "loss", "false"],
            },
            new("stock-events-json", post, "/api/v1/facilities/{facilityId}/stock-events", "pharmacist")
            {
                RouteValues = Route("facilityId", Phc),
                Json = Node(new
                {
                    events = new[]
                    {
                        new
                        {
                            id = "@uuid", medicine = Medicine, type = "receipt", quantity = 5, occurredAt = at, lot = "L-1",
                            expiry = now.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), otherFacility = Specialist, note = "delivery",
                        },
                    },
                }),
            },
            new("stock-events-csv", post, "/api/v1/facilities/{facilityId}/stock-events/csv", "pharmacist")
            {
                RouteValues = Route("facilityId", Phc),
                Csv = new CsvFile(["id", "medicine", "type", "quantity", "occurredAt", "reason", "lot", "expiry", "otherFacility", "note"],
                    [["@uuid", Medicine, "issue", "1", at, "", "", "", "", "dispensed"]]),
                CsvRow = _ => ["@uuid", Medicine, "issue", "1", at, "", "", "", "", ""],
            },
            new("facility-stock", get, "/api/v1/facilities/{facilityId}/stock", "pharmacist")
            {
                RouteValues = Route("facilityId", Phc), Query = [("asOf", day)],
            },
            new("stock-card", get, "/api/v1/facilities/{facilityId}/stock/{medicine}/card", "pharmacist")
            {
                RouteValues = new Dictionary<string, string> { ["facilityId"] = Phc, ["medicine"] = Medicine },
                Query = [("from", "2025-01-01"), ("to", day), .. PagingQuery],
            },
            new("stock-list", get, "/api/v1/stock", "admin")
            {
                Query = [("district", District), ("status", "ok"), ("medicine", Medicine), .. PagingQuery],
            },
            new("alerts-list", get, "/api/v1/alerts", "admin")
            {
                Query = [("status", "open"), ("kind", "stock_out"), ("facility", StockOutFacility), ("district", District), .. PagingQuery],
            },
            new("alert-get", get, "/api/v1/alerts/{id}", "head") { RouteValues = Route("id", "@alert") },
            new("alert-acknowledge", post, "/api/v1/alerts/{id}/acknowledge", "head")
            {
                RouteValues = Route("id", "@alert"), Json = Node(new { note = "order placed" }),
            },
            new("jobs-list", get, "/api/v1/admin/jobs", "admin"),
            new("job-run", post, "/api/v1/admin/jobs/{jobName}/run", "admin") { RouteValues = Route("jobName", "alert-scan") },
            new("subscriptions-list", get, "/api/v1/subscriptions", "manager"),
            new("subscription-create", post, "/api/v1/subscriptions", "manager")
            {
                Json = Node(new
                {
                    channel = "webhook", target = "https://example.org/hooks/mh", secret = "0123456789abcdef0123", district = District,
                    role = "facility_head", kinds = new[] { "stock_out" },
                }),
            },
            new("subscription-delete", HttpMethod.Delete, "/api/v1/subscriptions/{id}", "manager")
            {
                RouteValues = Route("id", "@subscription"), ChangesSubject = true,
            },
            new("count-sheet", post, "/api/v1/facilities/{facilityId}/count-sheets", "pharmacist")
            {
                RouteValues = Route("facilityId", Phc),
                Json = Node(new { id = "@uuid", countedAt = at, lines = new[] { new { medicine = "haloperidol-tab-5mg", quantity = 40, note = "shelf count" } } }),
            },
            new("stock-redistribution", get, "/api/v1/stock/redistribution", "manager") { Query = [("district", District), ("medicine", Medicine)] },
            new("order-create", post, "/api/v1/orders", "head")
            {
                Json = Node(new
                {
                    id = "@uuid", facility = Phc, supplier = Specialist, emergency = false, note = "monthly order", at,
                    lines = new[] { new { medicine = Medicine, quantity = 10 } },
                }),
            },
            new("orders-list", get, "/api/v1/orders", "head") { Query = [("facility", Phc), ("status", "draft"), .. PagingQuery] },
            new("redistribution-order", post, "/api/v1/stock/redistribution/orders", "manager")
            {
                Json = Node(new { id = "@uuid", medicine = Medicine, from = Specialist, to = Phc, quantity = 5, note = "surplus", at }),
            },
            new("supply-line-get", get, "/api/v1/supply-lines/{facilityId}", "admin") { RouteValues = Route("facilityId", Phc) },
            new("supply-line-put", put, "/api/v1/supply-lines/{facilityId}", "admin")
            {
                RouteValues = Route("facilityId", Community), Json = Node(new { supplier = Specialist }),
            },
            new("referral-create", post, "/api/v1/referrals", "phc")
            {
                Json = Node(new
                {
                    id = "@uuid", patient = new { code = "PX-RB-001", sex = "female", birthYear = 1990, name = "Amina K.", phone = "+256700000001" },
                    fromFacility = Phc, toFacility = Specialist, reason = "psychosis", urgency = "urgent", notes = "hears voices", consent = true, at,
                    consentTo = new { receivingService = true, communityServices = false, facilities = new[] { Phc } },
                }),
            },
            new("referral-consent", post, "/api/v1/referrals/{id}/consent", "coordinator")
            {
                RouteValues = Route("id", "@requested"), ChangesSubject = true,
                Json = Node(new { consentTo = new { receivingService = true, communityServices = true, facilities = new[] { Phc } }, at }),
            },
            new("referrals-worklist", get, "/api/v1/referrals", "coordinator")
            {
                Query = [("status", "requested"), ("overdue", "false"), ("district", District), ("facility", Phc), .. PagingQuery],
            },
            new("referral-get", get, "/api/v1/referrals/{id}", "coordinator") { RouteValues = Route("id", "@requested") },
            new("referral-audit", get, "/api/v1/referrals/{id}/audit", "manager") { RouteValues = Route("id", "@requested") },
            Action("receive", "@requested", "psychiatrist", new { at }),
            Action("accept", "@requested", "psychiatrist", new { at }),
            Action("reject", "@requested", "psychiatrist", new { reason = "no capacity this month", at }),
            Action("book", "@accepted", "psychiatrist", new { appointmentAt = Iso(now.AddDays(2)), at }),
            Action("start", "@accepted", "psychiatrist", new { at }),
            Action("attend", "@booked", "psychiatrist", new { at }),
            Action("no-show", "@booked", "psychiatrist", new { reason = "transport", at }),
            Action("hold", "@in_progress", "psychiatrist", new { reason = "admitted elsewhere", at }),
            Action("back-refer", "@in_progress", "psychiatrist", new
            {
                diagnosis = "psychosis", plan = "Continue haloperidol; review monthly.",
                medicines = new[] { new { medicine = "haloperidol-tab-5mg", dose = "5 mg at night", durationDays = 90 } },
                followUpEveryDays = 30, courseDays = 90, at,
            }),
            Action("fail", "@in_progress", "psychiatrist", new { reason = "moved away", at }),
            Action("cancel", "@requested", "phc", new { reason = "entered twice", at }),
            Action("entered-in-error", "@requested", "phc", new { reason = "wrong patient", at }),
            Action("reopen", "@cancelled", "coordinator", new { reason = "cancelled by mistake", at }),
            new("back-referral-acknowledge", post, "/api/v1/referrals/{id}/back-referral/acknowledge", "phc")
            {
                RouteValues = Route("id", "@completed"), Json = Node(new { at }), ChangesSubject = true,
            },
            FollowUp("attend", "@scheduled", new { at }),
            FollowUp("missed", "@scheduled", new { reason = "no transport", promisedDate = now.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), at }),
            FollowUp("traced", "@missed", new { outcome = "found at home; will come next week", at }),
            new("services", get, "/api/v1/services", "coordinator") { Query = [("district", District), ("service", "psychiatric_consultation"), .. PagingQuery] },
            new("service-codes", get, "/api/v1/services/codes", "coordinator") { Query = [("probe", null)] },
        };
        return templates;
    }

    private static Template Action(string action, string subject, string client, object body) =>
        new($"referral-{action}", HttpMethod.Post, "/api/v1/referrals/{id}/{action}", client)
        {
            RouteValues = new Dictionary<string, string> { ["id"] = subject, ["action"] = action }, Json = Node(body), ChangesSubject = true,
        };

    private static Template FollowUp(string action, string subject, object body) =>
        new($"follow-up-{action}", HttpMethod.Post, "/api/v1/follow-ups/{id}/{action}", "phc")
        {
            RouteValues = new Dictionary<string, string> { ["id"] = subject, ["action"] = action }, Json = Node(body), ChangesSubject = true,
        };

    private static Dictionary<string, string> Route(string name, string value) => new() { [name] = value };

    private static JsonNode Node(object value) => JsonSerializer.SerializeToNode(value, JsonSerializerOptions.Web)!;

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
