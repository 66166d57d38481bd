using Dapper;
using Npgsql;

namespace MhSupply.IndicatorBench;

/// <summary>
/// Seeds the referral read model (mh.referral, mh.referral_history, mh.follow_up and <c>prescribed_item_unavailable</c>
/// alerts) with referrals spread over the benchmark's months, in set-based SQL on one connection. Each referral draws a
/// path (rejected, cancelled, no-show, seen, seen and back-referred, held and resumed, failed, entered in error...) and
/// keeps the prefix of its steps that happened by <paramref name="now"/>, so recent referrals are still waiting. Rows carry
/// what the referral store writes, including migration 0175's columns, derived the way the store derives them.
/// </summary>
public static class ReferralHistory
{
    public static async Task<(long Referrals, long Steps, long FollowUps, long Alerts)> SeedAsync(NpgsqlDataSource dataSource, int count,
        int facilities, int perDistrict, int medicines, DateTime start, DateTime now, TimeSpan grace, TimeSpan tracing)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        void Done(string what) => Console.WriteLine($"    {what} ({watch.Elapsed.TotalSeconds:F1} s)");
        var p = new { count, facilities, perDistrict, medicines, start, now, grace, tracing };
        await connection.ExecuteAsync("SELECT setseed(0.2026)");
        // One row per referral: its parties, person, path and the random draws its step times come from. A person is
        // one of 40 codes of the requesting facility, so some have several referrals and several visits in a month.
        await connection.ExecuteAsync("""
            CREATE TEMP TABLE bench_referral AS
            SELECT s.i, gen_random_uuid() AS id, s.f AS from_n,
                   (s.f + 1 + floor(random() * (@facilities - 1))::int) % @facilities AS to_n,
                   'bp-' || floor(random() * 40)::int AS patient,
                   CASE WHEN s.path < 0.03 THEN 'error' WHEN s.path < 0.11 THEN 'rejected' WHEN s.path < 0.16 THEN 'cancelled'
                        WHEN s.path < 0.19 THEN 'no_show' WHEN s.path < 0.22 THEN 'walk_in' WHEN s.path < 0.25 THEN 'walk_in_back'
                        WHEN s.path < 0.29 THEN 'hold' WHEN s.path < 0.31 THEN 'seen_error' WHEN s.path < 0.34 THEN 'failed'
                        WHEN s.path < 0.60 THEN 'seen' ELSE 'seen_back' END AS kind,
                   @start::timestamptz + random() * (@now::timestamptz - @start::timestamptz) AS t0,
                   (ARRAY['emergency', 'urgent', 'routine', 'routine'])[1 + floor(random() * 4)::int] AS urgency,
                   (ARRAY['depression', 'psychosis', 'bipolar_disorder', 'epilepsy', 'child_adolescent', 'dementia', 'substance_use',
                          'self_harm', 'other'])[1 + floor(random() * 9)::int] AS reason,
                   (ARRAY['female', 'male'])[1 + floor(random() * 2)::int] AS sex,
                   1940 + floor(random() * 80)::int AS birth_year,
                   random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS visits
            FROM (SELECT i, floor(random() * @facilities)::int AS f, random() AS path FROM generate_series(1, @count) i) s
            """, p);
        // Each path's steps (action, status, when); only those that happened by now are kept, a prefix since times rise.
        await connection.ExecuteAsync("""
            CREATE TEMP TABLE bench_step AS
            SELECT b.id, s.n::int AS version, s.action, s.status, s.at
            FROM bench_referral b
            CROSS JOIN LATERAL (SELECT b.t0 + b.r1 * interval '2 days' AS rcv) t1
            CROSS JOIN LATERAL (SELECT t1.rcv + b.r2 * interval '2 days' AS acc) t2
            CROSS JOIN LATERAL (SELECT t2.acc + interval '3 hours' AS book, t2.acc + interval '3 hours' + (2 + b.r3 * 30) * interval '1 day' AS att) t3
            CROSS JOIN LATERAL (SELECT t3.att + (1 + b.r4 * 28) * interval '1 day' AS back, t2.acc + interval '4 hours' AS walk) t4
            CROSS JOIN LATERAL unnest(
                CASE b.kind
                    WHEN 'error' THEN ARRAY['create', 'entered-in-error']
                    WHEN 'rejected' THEN ARRAY['create', 'receive', 'reject']
                    WHEN 'cancelled' THEN ARRAY['create', 'receive', 'accept', 'cancel']
                    WHEN 'no_show' THEN ARRAY['create', 'receive', 'accept', 'book', 'no-show']
                    WHEN 'walk_in' THEN ARRAY['create', 'receive', 'accept', 'start']
                    WHEN 'walk_in_back' THEN ARRAY['create', 'receive', 'accept', 'start', 'back-refer']
                    WHEN 'hold' THEN ARRAY['create', 'receive', 'accept', 'book', 'attend', 'hold', 'start', 'back-refer']
                    WHEN 'seen_error' THEN ARRAY['create', 'receive', 'accept', 'book', 'attend', 'back-refer', 'entered-in-error']
                    WHEN 'failed' THEN ARRAY['create', 'receive', 'accept', 'book', 'attend', 'fail']
                    WHEN 'seen' THEN ARRAY['create', 'receive', 'accept', 'book', 'attend']
                    ELSE ARRAY['create', 'receive', 'accept', 'book', 'attend', 'back-refer'] END,
                CASE b.kind
                    WHEN 'error' THEN ARRAY['requested', 'entered_in_error']
                    WHEN 'rejected' THEN ARRAY['requested', 'received', 'rejected']
                    WHEN 'cancelled' THEN ARRAY['requested', 'received', 'accepted', 'cancelled']
                    WHEN 'no_show' THEN ARRAY['requested', 'received', 'accepted', 'booked', 'no_show']
                    WHEN 'walk_in' THEN ARRAY['requested', 'received', 'accepted', 'in_progress']
                    WHEN 'walk_in_back' THEN ARRAY['requested', 'received', 'accepted', 'in_progress', 'completed']
                    WHEN 'hold' THEN ARRAY['requested', 'received', 'accepted', 'booked', 'in_progress', 'on_hold', 'in_progress', 'completed']
                    WHEN 'seen_error' THEN ARRAY['requested', 'received', 'accepted', 'booked', 'in_progress', 'completed', 'entered_in_error']
                    WHEN 'failed' THEN ARRAY['requested', 'received', 'accepted', 'booked', 'in_progress', 'failed']
                    WHEN 'seen' THEN ARRAY['requested', 'received', 'accepted', 'booked', 'in_progress']
                    ELSE ARRAY['requested', 'received', 'accepted', 'booked', 'in_progress', 'completed'] END,
                CASE b.kind
                    WHEN 'error' THEN ARRAY[b.t0, b.t0 + interval '2 hours']
                    WHEN 'rejected' THEN ARRAY[b.t0, t1.rcv, t1.rcv + interval '5 hours']
                    WHEN 'cancelled' THEN ARRAY[b.t0, t1.rcv, t2.acc, t2.acc + interval '1 day']
                    WHEN 'no_show' THEN ARRAY[b.t0, t1.rcv, t2.acc, t3.book, t3.att]
                    WHEN 'walk_in' THEN ARRAY[b.t0, t1.rcv, t2.acc, t4.walk]
                    WHEN 'walk_in_back' THEN ARRAY[b.t0, t1.rcv, t2.acc, t4.walk, t4.walk + (1 + b.r4 * 20) * interval '1 day']
                    WHEN 'hold' THEN ARRAY[b.t0, t1.rcv, t2.acc, t3.book, t3.att, t3.att + interval '2 days', t3.att + interval '6 days',
                                           t3.att + (7 + b.r4 * 20) * interval '1 day']
                    WHEN 'seen_error' THEN ARRAY[b.t0, t1.rcv, t2.acc, t3.book, t3.att, t4.back, t4.back + interval '2 days']
                    WHEN 'failed' THEN ARRAY[b.t0, t1.rcv, t2.acc, t3.book, t3.att, t3.att + interval '10 days']
                    WHEN 'seen' THEN ARRAY[b.t0, t1.rcv, t2.acc, t3.book, t3.att]
                    ELSE ARRAY[b.t0, t1.rcv, t2.acc, t3.book, t3.att, t4.back] END) WITH ORDINALITY AS s(action, status, at, n)
            WHERE s.at <= @now
            """, p, commandTimeout: 0);
        await connection.ExecuteAsync("ANALYZE bench_referral; ANALYZE bench_step");
        Done("paths drawn");
        // The read-model row is the last step's state; first_seen_at and back_referred_at as the store keeps them.
        var referrals = await connection.ExecuteAsync("""
            INSERT INTO mh.referral (id, version, status, status_at, patient_code, patient_sex, patient_birth_year, from_facility, to_facility,
                district, reason, urgency, consent, appointment_at, created_at, created_by, snapshot, updated_at, from_district,
                first_seen_at, back_referred_at)
            SELECT b.id, l.version, l.status, l.at, b.patient, b.sex, b.birth_year, 'bf-' || lpad(b.from_n::text, 4, '0'),
                   'bf-' || lpad(b.to_n::text, 4, '0'), 'bd-' || (b.to_n / @perDistrict), b.reason, b.urgency, true,
                   l.appointment_at, b.t0, 'bench', '{}'::jsonb, l.at + interval '5 minutes', 'bd-' || (b.from_n / @perDistrict),
                   l.first_seen, l.back
            FROM bench_referral b
            JOIN (SELECT s.id, max(s.version) AS version, (array_agg(s.status ORDER BY s.version DESC))[1] AS status,
                         max(s.at) AS at, min(s.at) FILTER (WHERE s.action IN ('attend', 'no-show')) AS appointment_at,
                         min(s.at) FILTER (WHERE s.status = 'in_progress') AS first_seen, max(s.at) FILTER (WHERE s.action = 'back-refer') AS back
                  FROM bench_step s GROUP BY s.id) l ON l.id = b.id
            """, p, commandTimeout: 0);
        Done("referrals");
        var steps = await connection.ExecuteAsync("""
            INSERT INTO mh.referral_history (referral_id, version, action, status, at, recorded_at, by, capacity)
            SELECT id, version, action, status, at, at + interval '5 minutes', 'bench',
                   CASE WHEN action IN ('create', 'cancel') THEN 'ReferringClinician' ELSE 'ReceivingClinician' END
            FROM bench_step
            """, commandTimeout: 0);
        Done("history");
        // Visits scheduled by the back-referral, 28 days apart; each one's outcome as of now: attended within grace (some
        // early), attended after it, missed then traced, missed and never traced, traced too late, or nobody recorded it.
        var followUps = await connection.ExecuteAsync("""
            WITH planned AS (
                SELECT b.id AS referral_id, b.patient, 'bf-' || lpad(b.from_n::text, 4, '0') AS facility, v.seq,
                       s.at + v.seq * interval '28 days' AS due_at, random() AS u, random() AS w
                FROM bench_referral b JOIN bench_step s ON s.id = b.id AND s.action = 'back-refer'
                CROSS JOIN LATERAL generate_series(1, 1 + floor(b.visits * 3)::int) AS v(seq)),
            drawn AS (
                SELECT p.*,
                       CASE WHEN u < 0.50 THEN due_at + (w * 4 - 1) * interval '1 day'
                            WHEN u < 0.65 THEN due_at + @grace + (1 + w * 10) * interval '1 day' END AS attend_at,
                       CASE WHEN u >= 0.65 AND u < 0.90 THEN due_at + @grace + interval '6 hours' END AS miss_at,
                       CASE WHEN u >= 0.65 AND u < 0.75 THEN due_at + @grace + (1 + w * 10) * interval '1 day'
                            WHEN u >= 0.85 AND u < 0.90 THEN due_at + @grace + @tracing + (2 + w * 4) * interval '1 day' END AS trace_at
                FROM planned p WHERE due_at <= @now + interval '90 days'),
            known AS (
                SELECT d.*, CASE WHEN attend_at <= @now THEN attend_at END AS attended_at, CASE WHEN miss_at <= @now THEN miss_at END AS missed_at,
                       CASE WHEN trace_at <= @now THEN trace_at END AS traced_at
                FROM drawn d)
            INSERT INTO mh.follow_up (id, referral_id, seq, due_at, status, attended_at, missed_at, missed_reason, traced_at, outcome,
                grace_ends_at, tracing_fails_at, from_facility, patient_code)
            SELECT gen_random_uuid(), referral_id, seq, due_at,
                   CASE WHEN attended_at IS NOT NULL THEN 'attended' WHEN traced_at IS NOT NULL THEN 'traced'
                        WHEN missed_at IS NOT NULL THEN 'missed' ELSE 'scheduled' END,
                   attended_at, missed_at, CASE WHEN missed_at IS NOT NULL THEN 'not_reachable' END, traced_at,
                   CASE WHEN traced_at IS NOT NULL THEN 'reached' END,
                   due_at + @grace, missed_at + @tracing, facility, patient
            FROM known
            """, p, commandTimeout: 0);
        Done("follow-ups");
        // A prescribed medicine the PHC could not supply: for about one back-referral in eight (one or two medicines), and
        // for a few attended visits, raised at that step by the requesting facility's stock check.
        var alerts = await connection.ExecuteAsync("""
            WITH steps AS (
                SELECT s.id AS referral, s.at, 1 + floor(random() * 2)::int AS n, floor(random() * @medicines)::int AS m
                FROM bench_step s WHERE s.action = 'back-refer' AND random() < 0.125
                UNION ALL
                SELECT fu.referral_id, fu.attended_at, 1, floor(random() * @medicines)::int
                FROM mh.follow_up fu WHERE fu.attended_at IS NOT NULL AND random() < 0.04),
            raised AS (
                SELECT s.referral, s.at, 'bm-' || lpad(((s.m + k * 7) % @medicines)::text, 2, '0') AS medicine
                FROM steps s CROSS JOIN LATERAL generate_series(0, s.n - 1) AS k)
            INSERT INTO mh.alert (id, kind, subject, facility, district, medicine, referral, status, message, message_code, raised_at, resolved_at)
            SELECT gen_random_uuid(), 'prescribed_item_unavailable', r.id::text || '/' || x.medicine, r.from_facility, r.from_district,
                   x.medicine, r.id, 'resolved', 'Prescribed medicine unavailable (bench)', 'prescribed_item_unavailable', x.at, x.at + interval '3 days'
            FROM raised x JOIN mh.referral r ON r.id = x.referral
            """, p, commandTimeout: 0);
        Done("alerts");
        await connection.ExecuteAsync("DROP TABLE bench_step; DROP TABLE bench_referral");
        foreach (var table in new[] { "mh.referral", "mh.referral_history", "mh.follow_up", "mh.alert" })
        {
            await connection.ExecuteAsync($"VACUUM ANALYZE {table}", commandTimeout: 0);
        }
        Done("vacuumed");
        return (referrals, steps, followUps, alerts);
    }
}
