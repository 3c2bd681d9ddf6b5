import type { PlanEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { Staging } from './staging';
import type { PlanRow } from './tables';

/** A plan's row and its groupings. */
export async function applyPlan(
  staging: Staging,
  planId: string,
  event: RecordedEvent & PlanEvent,
  plan: PlanRow | undefined,
): Promise<void> {
  if (event.type === 'PlanCreated') {
    const { kind, title, source, statusLabels, quorum, warningDays, ratingScheme, defaultBasis } = event.data;
    staging.put('plans', {
      plan_id: planId,
      kind,
      title,
      source_body: source.body,
      source_date: source.date,
      source_judgement: source.judgement,
      stage: 'draft',
      status_labels: JSON.stringify(statusLabels),
      rating_scheme: ratingScheme ? JSON.stringify(ratingScheme) : null,
      default_basis: defaultBasis ?? null,
      approval_to_close: event.data.approvalToClose ?? null,
      delegated_sign_off: event.data.delegatedSignOff?.length ? JSON.stringify(event.data.delegatedSignOff) : null,
      quorum,
      warning_days: warningDays,
      submitted_to: null,
      submitted_on: null,
      approved_by: null,
      approved_on: null,
      version: event.version,
    });
    return;
  }
  if (!plan) return;
  plan.version = event.version;
  switch (event.type) {
    case 'PlanAmended': {
      const { title, statusLabels, quorum, warningDays, ratingScheme, defaultBasis } = event.data;
      if (title !== undefined) plan.title = title;
      if (statusLabels) plan.status_labels = JSON.stringify({ ...JSON.parse(plan.status_labels), ...statusLabels });
      if (quorum !== undefined) plan.quorum = quorum;
      if (warningDays !== undefined) plan.warning_days = warningDays;
      if (ratingScheme) plan.rating_scheme = JSON.stringify(ratingScheme);
      if (defaultBasis) plan.default_basis = defaultBasis;
      if (event.data.approvalToClose !== undefined) plan.approval_to_close = event.data.approvalToClose;
      if (event.data.delegatedSignOff) plan.delegated_sign_off = JSON.stringify(event.data.delegatedSignOff);
      return;
    }
    case 'GroupingAdded': {
      const { groupingId, parentId, kind, references, title } = event.data;
      staging.put('groupings', {
        grouping_id: groupingId,
        plan_id: planId,
        parent_id: parentId,
        kind,
        refs: JSON.stringify(references),
        title,
        seq: event.position,
      });
      return;
    }
    case 'GroupingAmended': {
      const grouping = await staging.get('groupings', { grouping_id: event.data.groupingId });
      if (!grouping) return;
      const { title, references, kind, parentId } = event.data;
      if (title !== undefined) grouping.title = title;
      if (references !== undefined) grouping.refs = JSON.stringify(references);
      if (kind !== undefined) grouping.kind = kind;
      if (parentId !== undefined) grouping.parent_id = parentId;
      return;
    }
    case 'PlanActivated':
      Object.assign(plan, { stage: 'active', submitted_to: event.data.submittedTo, submitted_on: event.data.submittedOn });
      return;
    case 'PlanClosed':
      Object.assign(plan, { stage: 'closed', approved_by: event.data.approvedBy, approved_on: event.data.approvedOn });
      return;
    case 'PlanReopened':
      Object.assign(plan, { stage: 'active', approved_by: null, approved_on: null });
      return;
  }
}
