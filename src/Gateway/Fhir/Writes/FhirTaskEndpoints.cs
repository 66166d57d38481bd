using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;
using MhSupply.Gateway.Referrals;
using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Referrals;
using Microsoft.AspNetCore.Http.HttpResults;
using FhirTask = Hl7.Fhir.Model.Task;

namespace MhSupply.Gateway.Fhir.Writes;

/// <summary>
/// PUT and PATCH of a referral's Task: the step the updated Task asks for (<see cref="TaskUpdateReader"/>), through the
/// same validator and grain call as POST /api/v1/referrals/{id}/{action}. On the back-referral Task, completing it is the
/// referring facility's acknowledgement (POST .../back-referral/acknowledge). The current Task is read through
/// ReferralViews (the policy decides, the read is audited), which also gives its version for If-Match.
/// </summary>
public static class FhirTaskEndpoints
{
    public const string JsonPatchMediaType = "application/json-patch+json";

    public static async Task<IResult> Put(string id, HttpContext http, MedicineCatalog catalog, InputBounds bounds,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, IGrainFactory grains, ReferralViews views, CancellationToken cancellationToken)
    {
        var (task, unreadable) = await FhirJson.ReadAsync<FhirTask>(http.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        var step = new TaskStep(http, new ActionBodyValidator(bounds, clock.GetUtcNow()), catalog, grains, views, cancellationToken);
        return await step.RunAsync(id, _ => (task, null));
    }

    public static async Task<IResult> Patch(string id, HttpContext http, MedicineCatalog catalog, InputBounds bounds,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, IGrainFactory grains, ReferralViews views, CancellationToken cancellationToken)
    {
        if (http.Request.ContentType?.Split(';')[0].Trim() is not JsonPatchMediaType)
        {
            return FhirOutcomes.Result(StatusCodes.Status415UnsupportedMediaType, new Hl7.Fhir.Model.OperationOutcome
            {
                Issue = [FhirOutcomes.Issue(Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported,
                    FhirWriteMessages.Of("fhir.patch_media_type").Text, "Content-Type", "fhir.patch_media_type")],
            });
        }
        if (http.Request.ContentLength is > FhirJson.MaxBodyBytes)
        {
            return PatchInvalid($"the patch is larger than {FhirJson.MaxBodyBytes} bytes");
        }
        JsonNode? patch;
        try
        {
            // Bounded as a FHIR body is (FhirJson.MaxBodyBytes), also when the length is not announced.
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(new LimitedStream(buffer, FhirJson.MaxBodyBytes), cancellationToken);
            patch = JsonNode.Parse(buffer.ToArray());
        }
        catch (InvalidDataException)
        {
            return PatchInvalid($"the patch is larger than {FhirJson.MaxBodyBytes} bytes");
        }
        catch (JsonException json)
        {
            return PatchInvalid(json.Message);
        }
        var step = new TaskStep(http, new ActionBodyValidator(bounds, clock.GetUtcNow()), catalog, grains, views, cancellationToken);
        return await step.RunAsync(id, rendered => Patched(rendered, patch));
    }

    /// <summary>The Task as it is served with the patch applied, read back as a Task (so the patch can say only what a Task can).</summary>
    private static (FhirTask? Task, IResult? Problem) Patched(FhirTask rendered, JsonNode? patch)
    {
        var (patched, error) = JsonPatch.Apply(JsonSerializer.SerializeToNode(rendered, FhirJson.Options)!, patch);
        if (patched is null)
        {
            return (null, PatchInvalid(error!));
        }
        try
        {
            return patched.Deserialize<Hl7.Fhir.Model.Resource>(FhirJson.Options) is FhirTask task
                ? (task, null)
                : (null, PatchInvalid("the result is not a Task"));
        }
        catch (DeserializationFailedException failed)
        {
            return (null, PatchInvalid(failed.Message));
        }
        catch (JsonException json)
        {
            return (null, PatchInvalid(json.Message));
        }
    }

    private static FhirResourceResult PatchInvalid(string reason)
    {
        var message = FhirWriteMessages.Of("fhir.patch_invalid", ("reason", reason));
        return FhirOutcomes.Invalid("body", message.Text, message.Code);
    }

    /// <summary>One update of a Task: read what it is, check If-Match, translate, run the step, answer the Task as now served.</summary>
    private sealed class TaskStep(HttpContext http, ActionBodyValidator validator, MedicineCatalog catalog, IGrainFactory grains, ReferralViews views,
        CancellationToken cancellationToken)
    {
        public async Task<IResult> RunAsync(string id, Func<FhirTask, (FhirTask? Task, IResult? Problem)> incoming)
        {
            if (http.JustificationProblem() is { } tooLong)
            {
                return FhirOutcomes.FromProblem(tooLong)!;
            }
            var back = id.EndsWith(ReferralResources.BackSuffix, StringComparison.Ordinal);
            if (!Guid.TryParseExact(back ? id[..^ReferralResources.BackSuffix.Length] : id, "D", out var referralId))
            {
                return FhirOutcomes.NotFound("Task", id);
            }
            var current = await views.ReadAsync(referralId, http, cancellationToken);
            var rendered = current is null ? null : back ? ReferralResources.BackTask(current) : ReferralResources.ForwardTask(current);
            if (current is null || rendered is null)
            {
                return FhirOutcomes.NotFound("Task", id);
            }
            if (Stale(current) is { } precondition)
            {
                return precondition;
            }
            var (task, problem) = incoming(rendered);
            if (problem is not null)
            {
                return problem;
            }
            return back ? await AcknowledgeAsync(referralId, task!, rendered) : await ActAsync(referralId, task!, current, rendered);
        }

        private async Task<IResult> ActAsync(Guid id, FhirTask task, ReferralDto current, FhirTask rendered)
        {
            var (update, untranslatable) = TaskUpdateReader.Read(task, current);
            if (update is null)
            {
                return FhirOutcomes.FromProblem(untranslatable.ToResult())!;
            }
            if (update.Step.Kind == FhirTaskStepKind.Unchanged)
            {
                return FhirJson.Result(rendered);
            }
            var paths = FhirFieldPaths.Of(update.Paths);
            var action = update.Step.Action!.Value;
            var (command, invalid) = await validator.CheckAsync(action.ToWireName(), action, update.Body, catalog, cancellationToken);
            if (invalid is not null)
            {
                return FhirOutcomes.FromProblem(invalid, paths)!;
            }
            var outcome = await grains.GetGrain<IReferralGrain>(id).Act(command, http.ActorOf());
            return await AnswerAsync(id, action.ToWireName(), outcome, paths, ReferralResources.ForwardTask);
        }

        /// <summary>
        /// The back-referral Task is the referring facility's to close: completing it acknowledges the back-referral (which
        /// schedules the follow-ups). Sent back as it is, it changes nothing; any other status is no step of ours.
        /// </summary>
        private async Task<IResult> AcknowledgeAsync(Guid id, FhirTask task, FhirTask rendered)
        {
            if (task.Status == rendered.Status)
            {
                return FhirJson.Result(rendered);
            }
            if (task.Status != FhirTask.TaskStatus.Completed)
            {
                var message = FhirWriteMessages.Of("fhir.back_referral_task", ("id", id));
                return FhirOutcomes.Invalid("Task.status", message.Text, message.Code);
            }
            var (at, invalid) = validator.CheckAcknowledgement(null);
            if (invalid is not null)
            {
                return FhirOutcomes.FromProblem(invalid)!;
            }
            var outcome = await grains.GetGrain<IReferralGrain>(id).AcknowledgeBackReferral(at, http.ActorOf());
            return await AnswerAsync(id, OperationNames.AcknowledgeBackReferral, outcome, f => f, r => ReferralResources.BackTask(r)!);
        }

        /// <summary>The Task after the step, from the grain's outcome; or its refusal, a refusal of the caller audited as on /api/ ("denied-{step}").</summary>
        private async Task<IResult> AnswerAsync(Guid id, string attempted, ReferralOutcome outcome, Func<string, string> paths,
            Func<ReferralDto, FhirTask> render)
        {
            if (outcome.Kind == ReferralOutcome.Ok)
            {
                return FhirJson.Result(render(views.Of(id, outcome)));
            }
            if (outcome.Denied)
            {
                await views.AuditAsync(id, http, "denied-" + attempted, null, cancellationToken);
            }
            return FhirRefusals.Of(outcome, ReferralProblems.Refusal<Ok<ReferralDto>>(outcome), paths);
        }

        /// <summary>
        /// If-Match with the version the partner read (the ETag, <c>W/"n"</c>): a 412 when the referral moved since. Checked
        /// before the step, not inside it (the grain takes steps in order, so two partners racing still get a state
        /// machine answer, and the loser of a race between this check and the step a 409 at worst).
        /// </summary>
        private FhirResourceResult? Stale(ReferralDto current)
        {
            if (http.Request.Headers.IfMatch.FirstOrDefault() is not { Length: > 0 } ifMatch)
            {
                return null;
            }
            var expected = ifMatch.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"');
            var version = current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (expected == version)
            {
                return null;
            }
            var message = FhirWriteMessages.Of("fhir.precondition_failed", ("expected", expected), ("current", version));
            return FhirOutcomes.Result(StatusCodes.Status412PreconditionFailed, new Hl7.Fhir.Model.OperationOutcome
            {
                Issue = [FhirOutcomes.Issue(Hl7.Fhir.Model.OperationOutcome.IssueType.Conflict, message.Text, "If-Match", message.Code)],
            });
        }
    }
}
