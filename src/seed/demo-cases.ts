import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { searchName } from '../cases/public';
import type { IndicatorCatalog } from '../vocabularies/indicator-catalog';
import { scoreAnswers } from '../indicators/indicator-scoring';
import { DEMO_AGENCIES, DEMO_USERS, demoEmail } from './demo-directory';
import {
  DEMO_AGREEMENTS,
  DEMO_CASES,
  DEMO_FOLLOW_UPS,
  DEMO_INTERVIEWS,
  DEMO_MEASUREMENTS,
  DEMO_REFERRALS,
  DemoCase,
  DemoReferral,
} from './demo-scenario';
import { seedId } from './seed-id';

const DAY = 86_400_000;
/** The policy's escalation thresholds after the due date (config/policy/default.yaml, escalation). */
const ESCALATION_AFTER_DAYS = [1, 3, 7];
const ESCALATION_LEVEL_NAMES = ['caseworker', 'supervisor', 'lead_unit'];

/**
 * Writes the demo case work (demo-scenario.ts) as rows, the way the test factories do: the case
 * workflows would stamp every record "now", and the demo needs months of history (overdue
 * follow-ups at each escalation level, checkpoints, closures), so dates are set here relative to
 * `now`. Each row has a stable id and is inserted only when absent (ON CONFLICT DO NOTHING), and
 * history rows only with the row they belong to, so a second run writes nothing. Returns the
 * number of rows written. The monitoring rollups follow through their triggers.
 */
export async function seedDemoCases(m: EntityManager, catalog: IndicatorCatalog, now: Date): Promise<number> {
  const at = (day: number) => new Date(now.getTime() + day * DAY);
  const agencyId = (key: string) => seedId(`agency/${key}`);
  const agencyOf = new Map(DEMO_AGENCIES.map((a) => [a.key, a]));
  const userId = (role: string, countryCode: string) => {
    const u = DEMO_USERS.find((x) => x.role === role && x.countryCode === countryCode && !x.suffix);
    if (!u) throw new Error(`no demo ${role} in ${countryCode}`);
    return seedId(`user/${demoEmail(u)}`);
  };
  const cases = new Map(DEMO_CASES.map((c) => [c.key, c]));
  let written = 0;
  const insert = async (table: string, row: Record<string, unknown>, conflict = '(id)') => {
    const cols = Object.keys(row);
    const rows = await m.query(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT ${conflict} DO NOTHING RETURNING 1 AS inserted`,
      cols.map((c) => row[c]),
    );
    written += rows.length;
    return rows.length > 0;
  };

  for (const a of DEMO_AGREEMENTS) {
    const parties = a.partyKeys.map((k) => agencyOf.get(k)!);
    const countries = [...new Set(parties.map((p) => p.countryCode))].sort();
    const admin = userId('administrator', parties[0].countryCode);
    await insert('data_sharing_agreement', {
      id: seedId(`agreement/${a.key}`),
      reference: a.reference,
      title: a.title,
      party_agency_ids: parties.map((p) => agencyId(p.key)),
      party_country_codes: [],
      involved_countries: countries,
      purposes: a.purposes,
      data_categories: a.categories,
      valid_from: at(-365),
      valid_until: null,
      status: 'active',
      created_by: admin,
      version: 1,
      // Each involved country's approval; countries without demo administrators (US, CR) are
      // approved by the creating country's administrator, as a signed letter on file would be.
      approvals: JSON.stringify(
        countries.map((countryCode) => ({
          countryCode,
          approvedBy: DEMO_USERS.some((u) => u.countryCode === countryCode)
            ? userId('administrator', countryCode)
            : admin,
          approvedAt: at(-365).toISOString(),
        })),
      ),
    });
  }

  for (const c of DEMO_CASES) await seedCase(c);
  for (const r of DEMO_REFERRALS) await seedReferral(r);

  for (const f of DEMO_FOLLOW_UPS) {
    const c = cases.get(f.caseKey)!;
    const id = seedId(`follow-up/${f.key}`);
    const due = at(f.dueDay);
    const level = f.escalated ?? 0;
    const inserted = await insert('follow_up', {
      id,
      case_id: seedId(`case/${c.key}`),
      type: f.type,
      kind: f.kind,
      due_at: due,
      explain: `demo: ${f.kind} follow-up`,
      responsible_user_id: userId('caseworker', c.countryCode),
      responsible_agency_id: agencyId(c.agencyKey),
      status: f.status,
      outcome_notes: f.notes ?? null,
      contact_made: f.status === 'completed' ? true : f.status === 'missed' ? false : null,
      attempts: f.status === 'missed' ? 2 : f.status === 'completed' ? 1 : 0,
      resolved_at: f.status === 'scheduled' ? null : due,
      overdue_since: level ? new Date(due.getTime() + ESCALATION_AFTER_DAYS[0] * DAY) : null,
      escalation_level: level,
      created_by: userId('caseworker', c.countryCode),
      version: 1,
    });
    if (inserted) await escalations('follow_up', id, c, due, level);
  }

  const catalogCodes = new Set(catalog.indicators.map((i) => i.code));
  for (const ms of DEMO_MEASUREMENTS) {
    const c = cases.get(ms.caseKey)!;
    for (const code of Object.keys(ms.answers))
      if (!catalogCodes.has(code)) throw new Error(`demo measurement ${ms.key}: unknown indicator ${code}`);
    const scores = scoreAnswers(catalog, ms.answers);
    const id = seedId(`measurement/${ms.key}`);
    const common = {
      case_id: seedId(`case/${c.key}`),
      country_code: c.countryCode,
      agency_id: agencyId(c.agencyKey),
      measured_at: at(ms.day),
    };
    const inserted = await insert('indicator_measurement', {
      id,
      ...common,
      checkpoint: ms.checkpoint,
      answers: JSON.stringify(ms.answers),
      dimension_scores: JSON.stringify(scores.dimensions),
      overall_score: scores.overall,
      recorded_by: userId('caseworker', c.countryCode),
    });
    if (!inserted) continue;
    // One row per scored dimension and overall, as the indicators repository writes them.
    for (const [dimension, score] of Object.entries({ ...scores.dimensions, overall: scores.overall })) {
      if (score === null) continue;
      await insert('indicator_score', {
        id: seedId(`score/${ms.key}/${dimension}`),
        measurement_id: id,
        ...common,
        dimension,
        score,
      });
    }
  }

  for (const iv of DEMO_INTERVIEWS) {
    const c = cases.get(iv.caseKey)!;
    await insert('interview', {
      id: seedId(`interview/${iv.key}`),
      case_id: seedId(`case/${c.key}`),
      child_id: seedId(`child/${c.key}`),
      interviewer_id: userId('caseworker', c.countryCode),
      conducted_at: at(iv.day),
      purpose: iv.purpose,
      topics: iv.topics,
      repeated_topics: iv.repeatedTopics ?? [],
      repeat_reason: iv.repeatReason ?? null,
    });
  }
  return written;

  /** The escalation rows the overdue scan would have written up to `level`, so it does not fire them again. */
  async function escalations(source: string, itemId: string, c: DemoCase, due: Date, level: number) {
    for (let l = 0; l < level; l++) {
      await insert(
        'escalation',
        {
          source,
          item_id: itemId,
          level: ESCALATION_LEVEL_NAMES[l],
          case_id: seedId(`case/${c.key}`),
          country_code: c.countryCode,
          due_at: due,
          fired_at: new Date(due.getTime() + ESCALATION_AFTER_DAYS[l] * DAY),
          recipients: 1,
        },
        '(source, item_id, level)',
      );
    }
  }

  async function seedCase(c: DemoCase) {
    const caseId = seedId(`case/${c.key}`);
    const childId = seedId(`child/${c.key}`);
    const caseworker = userId('caseworker', c.countryCode);
    const supervisor = userId('supervisor', c.countryCode);
    const returned = at(c.returnedDay);
    await insert('child', {
      id: childId,
      first_names: c.child.firstNames,
      last_names: c.child.lastNames,
      date_of_birth: c.child.dateOfBirth,
      sex: c.child.sex,
      nationality: c.countryCode,
      languages: c.child.languages,
      documents: '[]',
      family_contacts: JSON.stringify([
        { name: `Familiar de ${c.child.firstNames.split(' ')[0]} (ficticio)`, relationship: 'mother' },
      ]),
      search_name: searchName(c.child.firstNames, c.child.lastNames),
      version: 1,
    });
    const inserted = await insert('case_file', {
      id: caseId,
      case_number: `${c.countryCode}-DEMO-${c.key.slice(3)}`,
      country_code: c.countryCode,
      agency_id: agencyId(c.agencyKey),
      assigned_user_id: caseworker,
      child_id: childId,
      phase: c.phase,
      status: c.closed ? 'closed' : 'open',
      risk_level: c.risk,
      returned_at: returned,
      opened_at: returned,
      closed_at: c.closed ? at(c.closed.day) : null,
      closure_reason: c.closed?.reason ?? null,
      legal_basis: c.consent ? 'consent' : 'best_interests',
      protection_concerns: c.concerns,
      immediate_needs: c.needs,
      assessment_due_at: c.phase === 'registration' ? at(c.returnedDay + (c.risk === 'high' ? 1 : 3)) : null,
      assessment_due_explain:
        c.phase === 'registration' ? `assessment.initialDue.${c.risk} after registration` : null,
      version: 1,
    });
    if (!inserted) return;
    await insert('reception_event', {
      id: seedId(`reception/${c.key}`),
      child_id: childId,
      case_id: caseId,
      received_at: returned,
      reception_center_id: agencyId(c.agencyKey),
      returned_from: c.returnedFrom,
      means_of_return: c.meansOfReturn,
      accompaniment: c.accompaniment,
      recorded_by: caseworker,
    });
    // The phase history: registration, then each phase up to the current one.
    const path = ['registration', 'assessment', 'case_plan', 'implementation', 'follow_up'];
    const upTo = c.closed ? path.length : path.indexOf(c.phase) + 1;
    const end = c.closed ? c.closed.day : 0;
    const steps = [...path.slice(0, upTo), ...(c.closed ? ['closed'] : [])];
    for (let i = 0; i < steps.length; i++) {
      const day = c.returnedDay + ((end - c.returnedDay) * i) / Math.max(steps.length, 2);
      await insert('case_phase_change', {
        id: seedId(`phase/${c.key}/${steps[i]}`),
        case_id: caseId,
        from_phase: i ? steps[i - 1] : null,
        to_phase: steps[i],
        reason: i ? 'demo: avance del caso' : 'registro',
        changed_by: steps[i] === 'closed' ? supervisor : caseworker,
        changed_at: at(day),
      });
    }
    if (c.consent)
      await insert('consent', {
        id: seedId(`consent/${c.key}`),
        case_id: caseId,
        given_by: 'guardian',
        child_assent: true,
        purposes: c.consent.purposes,
        recipient_agency_ids: c.consent.recipientKeys.map(agencyId),
        any_recipient_in_country: false,
        data_categories: c.consent.categories,
        given_at: returned,
        recorded_by: caseworker,
      });
    if (c.closed)
      await insert('case_closure', {
        id: seedId(`closure/${c.key}`),
        case_id: caseId,
        reason: c.closed.reason,
        notes: 'demo',
        status: 'approved',
        requested_by: caseworker,
        requested_at: at(c.closed.day - 1),
        decided_by: supervisor,
        decided_at: at(c.closed.day),
        version: 1,
      });
  }

  async function seedReferral(r: DemoReferral) {
    const c = cases.get(r.caseKey)!;
    const recipient = agencyOf.get(r.recipientKey)!;
    const id = seedId(`referral/${r.key}`);
    const caseworker = userId('caseworker', c.countryCode);
    const dispatched = r.steps.find((s) => s.to === 'dispatched');
    const dayOf = (...to: string[]) => r.steps.find((s) => to.includes(s.to))?.day;
    const last = r.steps[r.steps.length - 1];
    const status = last?.to ?? 'draft';
    const responded = dayOf('accepted', 'rejected');
    const dueAt = dispatched && r.responseDays !== undefined ? at(dispatched.day + r.responseDays) : null;
    const level = r.escalated ?? 0;
    const agreement = DEMO_AGREEMENTS.find(
      (a) =>
        a.partyKeys.includes(c.agencyKey) &&
        a.partyKeys.includes(r.recipientKey) &&
        a.purposes.includes(r.purpose),
    );
    const inserted = await insert('referral', {
      id,
      case_id: seedId(`case/${c.key}`),
      sender_agency_id: agencyId(c.agencyKey),
      sender_user_id: caseworker,
      sender_country: c.countryCode,
      recipient_agency_id: agencyId(recipient.key),
      recipient_country: recipient.countryCode,
      external: !!recipient.external,
      service_type: r.serviceType,
      purpose: r.purpose,
      urgency: r.urgency,
      reason: r.reason,
      consent_id: c.consent ? seedId(`consent/${c.key}`) : null,
      requested_categories: r.categories,
      agreement_id: agreement && r.kind !== 'internal' ? seedId(`agreement/${agreement.key}`) : null,
      status,
      status_reason: last?.reason ?? null,
      outcome: r.outcome ?? null,
      snapshot_version: 1,
      delivery_round: dispatched ? 1 : 0,
      dispatched_at: dispatched ? at(dispatched.day) : null,
      delivered_at: dayOf('delivered') !== undefined ? at(dayOf('delivered')!) : null,
      responded_at: responded !== undefined ? at(responded) : null,
      completed_at: dayOf('completed') !== undefined ? at(dayOf('completed')!) : null,
      response_due_at: dueAt,
      response_due_explain: dueAt ? `referral.responseDeadline.${r.urgency}` : null,
      external_reference: recipient.external && dayOf('delivered') !== undefined ? `EXT-${r.key}` : null,
      overdue_since: level && dueAt ? new Date(dueAt.getTime() + ESCALATION_AFTER_DAYS[0] * DAY) : null,
      escalation_level: level,
      version: 1 + r.steps.length,
    });
    if (!inserted) return;
    if (c.consent && !r.categories.every((k) => c.consent!.categories.includes(k)))
      throw new Error(`demo referral ${r.key}: categories outside the consent`);
    const data = snapshotData(c, r.categories, at(c.returnedDay));
    await insert('referral_snapshot', {
      id: seedId(`snapshot/${r.key}/1`),
      referral_id: id,
      version: 1,
      categories: r.categories,
      data: JSON.stringify(data),
      content_hash: createHash('sha256')
        .update(JSON.stringify({ categories: r.categories, data }))
        .digest('hex'),
      created_by: caseworker,
    });
    let from: string | null = null;
    for (const s of [{ to: 'draft', day: (dispatched?.day ?? -1) - 0.01 }, ...r.steps]) {
      const byRecipient = ['accepted', 'rejected', 'in_progress', 'completed'].includes(s.to);
      const bySystem = ['delivered', 'delivery_failed'].includes(s.to);
      // Status history has a sequence key: written once, with its referral.
      await m.query(
        `INSERT INTO referral_status_change
           (referral_id, from_status, to_status, reason, source, actor_user_id, actor_agency_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          from,
          s.to,
          'reason' in s ? (s.reason ?? null) : null,
          bySystem ? 'system' : recipient.external && byRecipient ? 'external' : 'user',
          bySystem || (recipient.external && byRecipient) ? null : byRecipient ? null : caseworker,
          bySystem ? null : agencyId(byRecipient ? recipient.key : c.agencyKey),
          at(s.day),
        ],
      );
      written++;
      from = s.to;
    }
    if (dueAt) await escalations('referral', id, c, dueAt, level);
  }
}

/** What snapshot v1 holds for the categories (the fields the cases module's readers give). */
function snapshotData(c: DemoCase, categories: string[], returned: Date): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (categories.includes('identification'))
    data.identification = {
      firstNames: c.child.firstNames,
      lastNames: c.child.lastNames,
      dateOfBirth: c.child.dateOfBirth,
      dobEstimated: false,
      sex: c.child.sex,
      nationality: c.countryCode,
      languages: c.child.languages,
    };
  if (categories.includes('contact'))
    data.contact = {
      familyContacts: [
        { name: `Familiar de ${c.child.firstNames.split(' ')[0]} (ficticio)`, relationship: 'mother' },
      ],
    };
  if (categories.includes('case_summary'))
    data.case_summary = {
      caseNumber: `${c.countryCode}-DEMO-${c.key.slice(3)}`,
      countryCode: c.countryCode,
      phase: c.phase,
      riskLevel: c.risk,
      returnedAt: returned.toISOString(),
      openedAt: returned.toISOString(),
    };
  return data;
}
