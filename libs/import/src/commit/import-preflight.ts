import type { PlanState } from '@actionplans/domain';
import type { ActionView } from '@actionplans/read-models';
import type { Field } from '../columns';
import type { ImportedAction, ImportProblem, ImportReport } from '../import.model';
import type { ActionChange } from './action-changes';

/** One action's row, as it stands, and what the import would send to it. */
export interface PlannedAction {
  action: ImportedAction;
  view: ActionView | null;
  changes: ActionChange[];
  closing: ActionChange[];
}

/** What a field of the row holds, as the problem's value. */
function valueOf(action: ImportedAction, field: Field): string | null {
  switch (field) {
    case 'action':
      return action.description;
    case 'leads':
      return action.leads.map((lead) => lead.name).join('; ');
    case 'status':
      return action.status?.label ?? null;
    case 'reference':
      return action.references.join(' ');
    case 'targetDate':
    case 'revisedTargetDate':
    case 'startDate':
    case 'progress':
    case 'evidenceRequired':
    case 'notes':
      return action[field];
    case 'grouping':
      return action.groupingKey;
  }
}

/** A problem with one field of an imported row, named by the sheet's row, column and header. */
export function problemOf(
  report: Pick<ImportReport, 'columns'>,
  action: ImportedAction,
  field: Field,
  code: string,
  problem: string,
): ImportProblem {
  const column = report.columns[field];
  return { row: action.row, column: column?.column ?? null, header: column?.header ?? null, value: valueOf(action, field), code, problem };
}

/**
 * What the deciders would refuse given what is stored already, found before anything is sent, so
 * an import of an edited sheet stores all of it or nothing: changes to a closed plan, to a
 * signed-off or withdrawn action, a sign-off of an action with the panel, a duplicate moved to
 * another action, and a plan said to begin before the one stored began.
 */
export function preflight(report: ImportReport, plan: PlanState, planBegan: string | null, structureDay: string, planned: PlannedAction[]) {
  const problems: ImportProblem[] = [];
  const sheetWide = (code: string, column: string, value: string, problem: string) =>
    problems.push({ row: null, column, header: null, value, code, problem });
  if (plan.stage === 'closed')
    sheetWide('IMPORT.PLAN_CLOSED', 'plan', plan.title, 'the plan is closed: reopen it before importing into it');
  if (planBegan && structureDay < planBegan.slice(0, 10)) {
    sheetWide(
      'IMPORT.BEFORE_PLAN',
      'createdOn',
      structureDay,
      `the plan stored began on ${planBegan.slice(0, 10)}: the import cannot begin it earlier`,
    );
  }
  for (const { action, view, changes, closing } of planned) {
    if (!view) continue;
    const closed = view.stage === 'complete' || view.stage === 'withdrawn';
    const first = changes[0];
    if (closed && first) {
      const stage = view.stage === 'complete' ? 'signed off' : 'withdrawn';
      problems.push(
        problemOf(
          report,
          action,
          first.field,
          'IMPORT.ACTION_CLOSED',
          `${action.key} is ${stage}: reopen it before importing a change to it (${first.body.type})`,
        ),
      );
    }
    for (const { body, field } of closing) {
      if (body.type === 'RecordSignOffFromPaper' && view.stage === 'submitted') {
        problems.push(
          problemOf(
            report,
            action,
            field,
            'IMPORT.ACTION_WITH_PANEL',
            `${action.key} is with the panel for sign-off: let the panel decide it`,
          ),
        );
      }
      const duplicateOf = view.links.find((link) => link.kind === 'duplicate of');
      if (body.type === 'LinkAction' && body.kind === 'duplicate of' && duplicateOf && duplicateOf.targetActionId !== body.targetActionId) {
        problems.push(
          problemOf(
            report,
            action,
            field,
            'IMPORT.DUPLICATE_CHANGED',
            `${action.key} is stored as a duplicate of another action: unlink it before importing a new original`,
          ),
        );
      }
      if (view.stage === 'withdrawn') {
        problems.push(
          problemOf(report, action, field, 'IMPORT.ACTION_CLOSED', `${action.key} is withdrawn: reopen it before importing (${body.type})`),
        );
      }
    }
  }
  return problems;
}
